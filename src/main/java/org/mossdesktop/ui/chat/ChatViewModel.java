// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyEvent;
import org.mossdesktop.chat.ReplyEvent.Part;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.ui.FxThread;

/**
 * The chat of the selected conversation: its messages, the composer's draft, and the reply being generated.
 * Every conversation that is generating keeps its own thread of messages, so switching away and back
 * while MOSS writes loses nothing and saves into the right conversation.
 */
public final class ChatViewModel {

    private static final ObservableList<MessageItem> NOTHING = FXCollections.emptyObservableList();

    private final ChatBackend backend;
    private final Map<Long, ConversationThread> threads = new HashMap<>();
    private final ReadOnlyObjectWrapper<ConversationThread> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ObservableList<MessageItem>> messages = new ReadOnlyObjectWrapper<>(NOTHING);
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper();
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyObjectWrapper<MessageItem> editing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper replacing = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<ReplyEvent.Progress> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ReplyInfo> lastReply = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper endsWithReply = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canSend;
    private final BooleanBinding canRegenerate;
    private Consumer<LongConsumer> newConversation = created -> {
        throw new IllegalStateException("no conversation to send to");
    };
    // True from asking for a new conversation to send to until it is there.
    private boolean creating;
    private BiConsumer<Long, String> onSent = (id, text) -> {};

    public ChatViewModel(ChatBackend backend) {
        this.backend = backend;
        canSend = Bindings.createBooleanBinding(
                () -> !generating.get() && !draft.get().isBlank(), generating, draft);
        canRegenerate = Bindings.createBooleanBinding(
                () -> !generating.get() && endsWithReply.get() && editing.get() == null,
                generating,
                endsWithReply,
                editing);
        ListChangeListener<MessageItem> shownChanged = c -> updateEndsWithReply();
        shown.addListener((obs, old, now) -> {
            generating.unbind();
            if (old != null) {
                old.items.removeListener(shownChanged);
            }
            if (now == null) {
                messages.set(NOTHING);
                generating.set(false);
            } else {
                messages.set(now.items);
                generating.bind(now.generating);
                now.items.addListener(shownChanged);
            }
            updateEndsWithReply();
        });
    }

    private void updateEndsWithReply() {
        ObservableList<MessageItem> items = messages.get();
        endsWithReply.set(!items.isEmpty() && items.getLast().role() == Role.MOSS);
    }

    /**
     * Where a message goes when no conversation is shown: a new conversation, created by the caller (perhaps
     * later, off the FX thread), which then tells its id on the FX thread.
     */
    public void setNewConversation(Consumer<LongConsumer> create) {
        this.newConversation = create;
    }

    /** Told the conversation's id and the text each time the user sends (the list moves it up, titles it). */
    public void setOnSent(BiConsumer<Long, String> listener) {
        this.onSent = listener;
    }

    /** Shows a conversation; one that is generating keeps its live messages. */
    public void show(long conversationId) {
        ConversationThread current = shown.get();
        if (current != null && current.id == conversationId) {
            return;
        }
        cancelEdit();
        forgetIfIdle(current);
        ConversationThread thread = threads.computeIfAbsent(conversationId, this::open);
        shown.set(thread);
        progress.set(null);
    }

    /** Shows no conversation (none selected, or the shown one was deleted). */
    public void showNone() {
        cancelEdit();
        forgetIfIdle(shown.get());
        shown.set(null);
    }

    /** Stops a conversation that is being deleted and drops what the view holds of it. */
    public void forget(long conversationId) {
        ConversationThread thread = threads.remove(conversationId);
        if (thread != null && thread.reply != null) {
            thread.reply.stop();
        }
        if (shown.get() == thread && thread != null) {
            showNone();
        }
    }

    /** Reloads the shown conversation from the store (e.g. after an undo), unless it is generating. */
    public void reload() {
        ConversationThread current = shown.get();
        if (current != null && !current.generating.get()) {
            load(current);
        }
    }

    /** The id of the shown conversation, if one is shown. */
    public OptionalLong shownConversation() {
        ConversationThread current = shown.get();
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.id);
    }

    /** Sends the draft: a new message, or, while editing, the edited one (after confirmation). */
    public void send() {
        String text = draft.get().strip();
        if (!canSend.get() || text.isEmpty()) {
            return;
        }
        MessageItem edited = editing.get();
        if (edited != null) {
            int later = laterMessages(edited);
            if (later > 0 && replacing.get() == 0) {
                replacing.set(later);
                return;
            }
            resend(edited, text);
            return;
        }
        if (shown.get() != null && shown.get().loading) {
            // Enter pressed before the conversation's messages are back: send once they are.
            shown.get().sendWhenLoaded = true;
            return;
        }
        if (shown.get() == null) {
            if (!creating) {
                creating = true;
                newConversation.accept(id -> {
                    creating = false;
                    show(id);
                    send();
                });
            }
            return;
        }
        ConversationThread thread = shown.get();
        MessageItem user = MessageItem.pendingUser(text);
        MessageItem reply = MessageItem.streamingReply();
        thread.items.addAll(user, reply);
        draft.set("");
        start(thread, user, reply, events -> backend.send(thread.id, text, events));
        onSent.accept(thread.id, text);
    }

    /** Stops the reply being generated in the shown conversation. */
    public void stop() {
        ConversationThread thread = shown.get();
        if (thread != null && thread.reply != null) {
            thread.reply.stop();
        }
    }

    /** Generates MOSS's last reply again. */
    public void regenerate() {
        if (!canRegenerate.get()) {
            return;
        }
        ConversationThread thread = shown.get();
        thread.items.removeLast();
        MessageItem reply = MessageItem.streamingReply();
        thread.items.add(reply);
        MessageItem user = thread.items.size() > 1 ? thread.items.get(thread.items.size() - 2) : null;
        start(thread, user, reply, events -> backend.regenerate(thread.id, events));
    }

    /** Puts a sent message into the composer to edit it; sending replaces it and everything after it. */
    public void startEdit(MessageItem message) {
        if (message.role() != Role.USER || message.id() == 0 || generating.get()) {
            return;
        }
        editing.set(message);
        replacing.set(0);
        draft.set(message.getText());
    }

    /** Leaves editing; the draft is emptied. */
    public void cancelEdit() {
        if (editing.get() != null) {
            editing.set(null);
            replacing.set(0);
            draft.set("");
        }
    }

    /** The user confirmed that resending the edited message replaces the later ones. */
    public void confirmReplace() {
        if (editing.get() != null && replacing.get() > 0) {
            resend(editing.get(), draft.get().strip());
        }
    }

    /** The user declined: back to editing. */
    public void declineReplace() {
        replacing.set(0);
    }

    /** Esc: stops a reply, else leaves editing. */
    public void escape() {
        if (replacing.get() > 0) {
            declineReplace();
        } else if (generating.get()) {
            stop();
        } else {
            cancelEdit();
        }
    }

    private void resend(MessageItem edited, String text) {
        ConversationThread thread = shown.get();
        int at = thread.items.indexOf(edited);
        if (at < 0 || text.isEmpty()) {
            cancelEdit();
            return;
        }
        long editedId = edited.id();
        editing.set(null);
        replacing.set(0);
        draft.set("");
        thread.items.remove(at, thread.items.size());
        MessageItem user = MessageItem.pendingUser(text);
        MessageItem reply = MessageItem.streamingReply();
        thread.items.addAll(user, reply);
        start(thread, user, reply, events -> backend.editAndResend(thread.id, editedId, text, events));
        onSent.accept(thread.id, text);
    }

    private int laterMessages(MessageItem message) {
        ObservableList<MessageItem> items = messages.get();
        int at = items.indexOf(message);
        return at < 0 ? 0 : items.size() - at - 1;
    }

    private void start(
            ConversationThread thread,
            MessageItem user,
            MessageItem reply,
            Function<Consumer<ReplyEvent>, ChatBackend.Reply> call) {
        thread.generating.set(true);
        FxThread.Batches<ReplyEvent> events = FxThread.batches(batch -> apply(thread, user, reply, batch));
        thread.reply = call.apply(events::push);
    }

    // One call per pulse: the deltas of a pulse become one append per part, so the view renders once.
    private void apply(ConversationThread thread, MessageItem user, MessageItem reply, List<ReplyEvent> batch) {
        Map<Part, StringBuilder> deltas = new EnumMap<>(Part.class);
        for (ReplyEvent event : batch) {
            switch (event) {
                case ReplyEvent.UserSaved saved -> {
                    if (user != null) {
                        user.setId(saved.message().id());
                    }
                }
                case ReplyEvent.Started started -> reply.setId(started.reply().id());
                case ReplyEvent.Delta delta ->
                    deltas.computeIfAbsent(delta.part(), p -> new StringBuilder())
                            .append(delta.text());
                case ReplyEvent.Sources sources -> reply.setSources(sources.citations());
                case ReplyEvent.Progress now -> {
                    if (shown.get() == thread) {
                        progress.set(now);
                    }
                }
                case ReplyEvent.Finished finished -> {
                    appendAll(reply, deltas);
                    finish(thread, reply, Optional.of(finished.reply()), "");
                }
                case ReplyEvent.Failed failed -> {
                    appendAll(reply, deltas);
                    finish(thread, reply, Optional.empty(), failed.message());
                }
            }
        }
        appendAll(reply, deltas);
    }

    private static void appendAll(MessageItem reply, Map<Part, StringBuilder> deltas) {
        deltas.forEach((part, text) -> reply.append(part, text.toString()));
        deltas.clear();
    }

    private void finish(ConversationThread thread, MessageItem reply, Optional<Message> saved, String failure) {
        reply.finish(saved, failure);
        thread.reply = null;
        thread.generating.set(false);
        if (shown.get() == thread) {
            saved.flatMap(Message::reply).ifPresent(lastReply::set);
        } else {
            threads.remove(thread.id);
        }
    }

    private void forgetIfIdle(ConversationThread thread) {
        if (thread != null && !thread.generating.get()) {
            threads.remove(thread.id);
        }
    }

    private ConversationThread open(long conversationId) {
        ConversationThread thread = new ConversationThread(conversationId);
        load(thread);
        return thread;
    }

    // The store is read on the UI's background thread; the messages appear when they are back, unless the
    // conversation started generating meanwhile (then what it shows is newer).
    private void load(ConversationThread thread) {
        thread.loading = true;
        FxThread.background(() -> backend.messages(thread.id), messages -> {
            thread.loading = false;
            if (!thread.generating.get()) {
                thread.items.setAll(messages.stream().map(MessageItem::of).toList());
            }
            if (thread.sendWhenLoaded) {
                thread.sendWhenLoaded = false;
                if (shown.get() == thread) {
                    send();
                }
            }
        });
    }

    public ReadOnlyObjectProperty<ObservableList<MessageItem>> messagesProperty() {
        return messages.getReadOnlyProperty();
    }

    public ObservableList<MessageItem> getMessages() {
        return messages.get();
    }

    public ReadOnlyBooleanProperty generatingProperty() {
        return generating.getReadOnlyProperty();
    }

    public StringProperty draftProperty() {
        return draft;
    }

    /** The sent message being edited, or null. */
    public ReadOnlyObjectProperty<MessageItem> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** How many later messages a resend would replace, while asking the user to confirm; else 0. */
    public ReadOnlyIntegerProperty replacingProperty() {
        return replacing.getReadOnlyProperty();
    }

    /** Live numbers of the reply being generated in the shown conversation. */
    public ReadOnlyObjectProperty<ReplyEvent.Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How the last finished reply in the shown conversation was generated. */
    public ReadOnlyObjectProperty<ReplyInfo> lastReplyProperty() {
        return lastReply.getReadOnlyProperty();
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    public BooleanBinding canRegenerateProperty() {
        return canRegenerate;
    }

    private static final class ConversationThread {
        final long id;
        final ObservableList<MessageItem> items = FXCollections.observableArrayList();
        final BooleanProperty generating = new SimpleBooleanProperty();
        ChatBackend.Reply reply;
        // True while its messages are being read from the store.
        boolean loading;
        boolean sendWhenLoaded;

        ConversationThread(long id) {
            this.id = id;
        }
    }
}
