// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.conversations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.ui.FxThread;

/**
 * The conversation list: grouped by date (pinned first), filtered by a search over titles and message
 * text, with new, rename, pin, and delete with undo. The selection is what the chat shows.
 */
public final class ConversationListViewModel {

    /** A row of the list: a group heading or a conversation. */
    public sealed interface Row {}

    public record Heading(DateGroup group) implements Row {}

    public record Entry(Conversation conversation) implements Row {}

    private final ConversationLibrary library;
    private final Clock clock;
    private final Supplier<String> newTitle;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    // One read-only view, kept: listeners on a view that was dropped stop firing once it is collected.
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Conversation> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyObjectWrapper<Conversation> deleted = new ReadOnlyObjectWrapper<>(this, "deleted");
    private final ReadOnlyObjectWrapper<Long> renaming = new ReadOnlyObjectWrapper<>(this, "renaming");
    private final Executor search;
    private List<Conversation> all = List.of();
    private long searches;

    /**
     * @param newTitle the title of a new conversation, in the user's language
     */
    public ConversationListViewModel(ConversationLibrary library, Clock clock, Supplier<String> newTitle) {
        this(library, clock, newTitle, Runnable::run);
    }

    /**
     * @param search runs searches of the store, e.g. on a background thread; results come back on the FX
     *     thread
     */
    public ConversationListViewModel(
            ConversationLibrary library, Clock clock, Supplier<String> newTitle, Executor search) {
        this.library = library;
        this.clock = clock;
        this.newTitle = newTitle;
        this.search = search;
        query.addListener((obs, old, now) -> refilter());
        refresh();
    }

    /** Reads the conversations again (after the chat saved into one, or it was renamed). */
    public void refresh() {
        all = library.list().stream()
                .sorted(Comparator.comparing(Conversation::updatedAt).reversed())
                .toList();
        Conversation current = selected.get();
        if (current != null) {
            selected.set(find(current.id()).orElse(null));
        }
        refilter();
    }

    /** Selects a conversation by id, if it exists. */
    public boolean select(long id) {
        Optional<Conversation> found = find(id);
        found.ifPresent(selected::set);
        return found.isPresent();
    }

    public void select(Conversation conversation) {
        selected.set(conversation);
    }

    /** Starts a new conversation and selects it; returns its id. */
    public long create() {
        Conversation created = library.create(newTitle.get());
        query.set("");
        refresh();
        select(created.id());
        return created.id();
    }

    public void startRename(long id) {
        renaming.set(id);
    }

    public void cancelRename() {
        renaming.set(null);
    }

    /** Renames a conversation; a blank title keeps the old one. */
    public void rename(long id, String title) {
        renaming.set(null);
        if (title != null && !title.isBlank()) {
            library.rename(id, title.strip());
            refresh();
        }
    }

    public void togglePin(long id) {
        find(id).ifPresent(c -> {
            library.setPinned(id, !c.pinned());
            refresh();
        });
    }

    /** Deletes a conversation; {@link #undoDelete} brings it back until the next delete. */
    public void delete(long id) {
        find(id).ifPresent(c -> {
            library.delete(id);
            deleted.set(c);
            if (selected.get() != null && selected.get().id() == id) {
                selected.set(null);
            }
            refresh();
        });
    }

    public void undoDelete() {
        Conversation gone = deleted.get();
        if (gone != null) {
            library.restore(gone.id());
            deleted.set(null);
            refresh();
            select(gone.id());
        }
    }

    /** Hides the undo offer. */
    public void dismissUndo() {
        deleted.set(null);
    }

    private Optional<Conversation> find(long id) {
        return all.stream().filter(c -> c.id() == id).findFirst();
    }

    // Searching reads the whole store (tens of ms on a large one): it runs on the search executor, and an
    // answer that arrives after the query changed again is dropped.
    private void refilter() {
        String q = query.get().strip();
        long asked = ++searches;
        if (q.isEmpty()) {
            show(all);
            return;
        }
        List<Conversation> candidates = all;
        search.execute(() -> {
            Set<Long> hits = library.search(q);
            FxThread.run(() -> {
                if (asked == searches) {
                    show(candidates.stream().filter(c -> hits.contains(c.id())).toList());
                }
            });
        });
    }

    private void show(List<Conversation> shown) {
        LocalDate today = LocalDate.now(clock);
        List<Row> out = new ArrayList<>();
        for (DateGroup group : DateGroup.values()) {
            List<Conversation> members = shown.stream()
                    .filter(c -> DateGroup.of(c.pinned(), c.updatedAt(), today, clock.getZone()) == group)
                    .toList();
            if (!members.isEmpty()) {
                out.add(new Heading(group));
                members.forEach(c -> out.add(new Entry(c)));
            }
        }
        rows.setAll(out);
    }

    public ObservableList<Row> rows() {
        return rowsView;
    }

    public ReadOnlyObjectProperty<Conversation> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The search text: filters by title and message text. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The conversation just deleted, while it can be brought back; else null. */
    public ReadOnlyObjectProperty<Conversation> deletedProperty() {
        return deleted.getReadOnlyProperty();
    }

    /** The id of the conversation whose title is being edited in place, or null. */
    public ReadOnlyObjectProperty<Long> renamingProperty() {
        return renaming.getReadOnlyProperty();
    }
}
