// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyEvent.Part;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.ui.markdown.MarkdownBlocks;

/** One message as the chat view shows it; MOSS's reply grows while it streams. FX thread only. */
public final class MessageItem {

    private final Role role;
    private long id;
    private final Map<Part, StringBuilder> growing = new EnumMap<>(Part.class);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper innerThoughts = new ReadOnlyStringWrapper(this, "innerThoughts", "");
    private final ReadOnlyStringWrapper commands = new ReadOnlyStringWrapper(this, "commands", "");
    private final ReadOnlyStringWrapper results = new ReadOnlyStringWrapper(this, "results", "");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(this, "streaming");
    private final ReadOnlyObjectWrapper<ReplyInfo> info = new ReadOnlyObjectWrapper<>(this, "info");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Citations> sources =
            new ReadOnlyObjectWrapper<>(this, "sources", Citations.none());
    // MOSS's reply cut into Markdown blocks: while it streams, only the last one changes.
    private final ObservableList<String> blocks = FXCollections.observableArrayList();
    // One read-only view, kept: listeners on a view that was dropped stop firing once it is collected.
    private final ObservableList<String> blocksView = FXCollections.unmodifiableObservableList(blocks);
    private int fixedBlocks;
    private int lastBlockStart;

    private MessageItem(Role role) {
        this.role = role;
        text.addListener((obs, old, now) -> updateBlocks(old, now));
    }

    private void updateBlocks(String old, String now) {
        if (role == Role.USER) {
            blocks.setAll(now.isEmpty() ? List.of() : List.of(now));
            return;
        }
        if (!now.startsWith(old)) {
            blocks.clear();
            fixedBlocks = 0;
            lastBlockStart = 0;
        }
        // blocks = the fixed blocks, then the tail from lastBlockStart, which may still grow.
        List<String> changed = new ArrayList<>();
        int start = lastBlockStart;
        for (int next; (next = MarkdownBlocks.nextCut(now, start)) > start; start = next) {
            changed.add(now.substring(start, next));
        }
        int newlyFixed = changed.size();
        if (start < now.length()) {
            changed.add(now.substring(start));
        }
        int shown = blocks.size() - fixedBlocks;
        for (int i = 0; i < Math.min(shown, changed.size()); i++) {
            if (!blocks.get(fixedBlocks + i).equals(changed.get(i))) {
                blocks.set(fixedBlocks + i, changed.get(i));
            }
        }
        if (changed.size() > shown) {
            blocks.addAll(changed.subList(shown, changed.size()));
        } else if (changed.size() < shown) {
            blocks.remove(fixedBlocks + changed.size(), blocks.size());
        }
        fixedBlocks += newlyFixed;
        lastBlockStart = start;
    }

    public static MessageItem of(Message message) {
        MessageItem item = new MessageItem(message.role());
        item.update(message);
        return item;
    }

    public static MessageItem pendingUser(String text) {
        MessageItem item = new MessageItem(Role.USER);
        item.text.set(text);
        return item;
    }

    public static MessageItem streamingReply() {
        MessageItem item = new MessageItem(Role.MOSS);
        item.streaming.set(true);
        return item;
    }

    /** Takes the saved state of this message (its id, final text, reply info and citation sources). */
    void update(Message message) {
        id = message.id();
        growing.clear();
        // Before the text, so the blocks it makes link their citations from the start.
        sources.set(message.citations());
        text.set(message.text());
        innerThoughts.set(message.innerThoughts());
        commands.set(message.commands());
        results.set(message.results());
        info.set(message.reply().orElse(null));
    }

    /** Appends streamed text; the property changes once per call, so callers pass a pulse's worth. */
    void append(Part part, String delta) {
        ReadOnlyStringWrapper target = property(part);
        StringBuilder builder = growing.computeIfAbsent(part, p -> new StringBuilder(target.get()));
        builder.append(delta);
        target.set(builder.toString());
    }

    void setSources(Citations citations) {
        sources.set(citations);
    }

    void finish(Optional<Message> saved, String failure) {
        saved.ifPresent(this::update);
        growing.clear();
        error.set(failure);
        streaming.set(false);
    }

    private ReadOnlyStringWrapper property(Part part) {
        return switch (part) {
            case INNER_THOUGHTS -> innerThoughts;
            case COMMANDS -> commands;
            case RESULTS -> results;
            case REPLY -> text;
        };
    }

    public Role role() {
        return role;
    }

    /** The store's id; 0 while the message is not saved yet. */
    public long id() {
        return id;
    }

    void setId(long value) {
        id = value;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public String getText() {
        return text.get();
    }

    public ReadOnlyStringProperty innerThoughtsProperty() {
        return innerThoughts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty commandsProperty() {
        return commands.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultsProperty() {
        return results.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    public boolean isStreaming() {
        return streaming.get();
    }

    public ReadOnlyObjectProperty<ReplyInfo> infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** Why the reply could not be finished, in the user's language; "" when it could. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * The text cut into blocks the chat view shows as rows: Markdown blocks for MOSS (see
     * {@link MarkdownBlocks}), the whole text for the user. While a reply streams, blocks are appended and
     * only the last one changes.
     */
    public ObservableList<String> blocks() {
        return blocksView;
    }

    /** Where MOSS's citations {@code <|n|>} point: the search hits of this reply's turn. */
    public ReadOnlyObjectProperty<Citations> sourcesProperty() {
        return sources.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return role + "#" + id + ": " + text.get();
    }
}
