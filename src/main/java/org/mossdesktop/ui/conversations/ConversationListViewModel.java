// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.conversations;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.ui.FxThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation list: grouped by date (pinned first), filtered by a search over titles and message
 * text, with new, rename, pin, and delete with undo. The selection is what the chat shows. The store is
 * only ever called on the UI's background thread ({@link FxThread#background}); the list follows when its
 * answer is back.
 */
public final class ConversationListViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationListViewModel.class);

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
    private List<Conversation> all = List.of();
    private long searches;
    // Changes asked of the library and not yet back; only the list after the latest one is shown.
    private long changes;
    // A conversation to select once the list holds it (at start, after creating or undoing a delete).
    private OptionalLong toSelect = OptionalLong.empty();

    /**
     * Reads the conversations in the background; the list fills when they are back.
     *
     * @param newTitle the title of a new conversation, in the user's language
     */
    public ConversationListViewModel(ConversationLibrary library, Clock clock, Supplier<String> newTitle) {
        this.library = library;
        this.clock = clock;
        this.newTitle = newTitle;
        query.addListener((obs, old, now) -> refilter());
        refresh();
    }

    /** Reads the conversations again (after the chat saved into one, or it was renamed). */
    public void refresh() {
        change(() -> {});
    }

    /**
     * Every call of the library runs here, on the UI's background thread, followed by a fresh list; the window
     * shows the list of the latest change when it is back, keeping (or making) the selection.
     */
    private void change(Runnable write) {
        long asked = ++changes;
        FxThread.background(
                () -> {
                    write.run();
                    return library.list();
                },
                list -> {
                    if (asked == changes) {
                        show(list);
                    }
                },
                failure -> {
                    LOG.warn("The conversation list could not be updated", failure);
                    // Show what the store holds now, so the list does not pretend the change was made.
                    FxThread.background(library::list, list -> {
                        if (asked == changes) {
                            show(list);
                        }
                    });
                });
    }

    private void show(List<Conversation> list) {
        all = list.stream()
                .sorted(Comparator.comparing(Conversation::updatedAt).reversed())
                .toList();
        Conversation current = selected.get();
        Optional<Conversation> wanted = toSelect.isPresent() ? find(toSelect.getAsLong()) : Optional.empty();
        // Asked for once: a conversation that is gone (deleted elsewhere) is not waited for.
        toSelect = OptionalLong.empty();
        if (wanted.isPresent()) {
            selected.set(wanted.get());
        } else if (current != null) {
            selected.set(find(current.id()).orElse(null));
        }
        refilter();
    }

    /** Selects a conversation by id: now if the list holds it, else as soon as it does (e.g. at start). */
    public void select(long id) {
        Optional<Conversation> found = find(id);
        if (found.isPresent()) {
            toSelect = OptionalLong.empty();
            selected.set(found.get());
        } else {
            toSelect = OptionalLong.of(id);
        }
    }

    public void select(Conversation conversation) {
        toSelect = OptionalLong.empty();
        selected.set(conversation);
    }

    /** Starts a new conversation and selects it once it is saved. */
    public void create() {
        create(id -> {});
    }

    /** Starts a new conversation; once it is saved it is selected and {@code created} is told its id. */
    public void create(LongConsumer created) {
        query.set("");
        String title = newTitle.get();
        long asked = ++changes;
        FxThread.background(
                () -> {
                    Conversation made = library.create(title);
                    return new Created(made, library.list());
                },
                result -> {
                    toSelect = OptionalLong.of(result.conversation().id());
                    if (asked == changes) {
                        show(result.list());
                    } else {
                        // A later change's list is on its way and will hold it; select it now all the same.
                        select(result.conversation());
                    }
                    created.accept(result.conversation().id());
                });
    }

    private record Created(Conversation conversation, List<Conversation> list) {}

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
            change(() -> library.rename(id, title.strip()));
        }
    }

    /** Renames a conversation to {@code title} if it still has a placeholder title ({@code untitled} says which). */
    public void renameIf(long id, Predicate<String> untitled, String title) {
        change(() -> library.list().stream()
                .filter(c -> c.id() == id && untitled.test(c.title()))
                .findFirst()
                .ifPresent(c -> library.rename(id, title)));
    }

    public void togglePin(long id) {
        find(id).ifPresent(c -> change(() -> library.setPinned(id, !c.pinned())));
    }

    /** Gives a conversation its own generation settings, or (empty) makes it use the global ones. */
    public void setSettings(long id, Optional<GenerationSettings> settings) {
        change(() -> library.setSettings(id, settings));
    }

    /** Deletes a conversation; {@link #undoDelete} brings it back until the next delete. */
    public void delete(long id) {
        find(id).ifPresent(c -> {
            deleted.set(c);
            if (selected.get() != null && selected.get().id() == id) {
                selected.set(null);
            }
            // Gone from the list at once; the store follows.
            all = all.stream().filter(other -> other.id() != id).toList();
            refilter();
            change(() -> library.delete(id));
        });
    }

    public void undoDelete() {
        Conversation gone = deleted.get();
        if (gone != null) {
            deleted.set(null);
            toSelect = OptionalLong.of(gone.id());
            change(() -> library.restore(gone.id()));
        }
    }

    /** Hides the undo offer. */
    public void dismissUndo() {
        deleted.set(null);
    }

    private Optional<Conversation> find(long id) {
        return all.stream().filter(c -> c.id() == id).findFirst();
    }

    // Searching reads the whole store (tens of ms on a large one): it runs in the background, and an answer
    // that arrives after the query changed again is dropped.
    private void refilter() {
        String q = query.get().strip();
        long asked = ++searches;
        if (q.isEmpty()) {
            showRows(all);
            return;
        }
        List<Conversation> candidates = all;
        FxThread.background(() -> library.search(q), hits -> {
            if (asked == searches) {
                showRows(candidates.stream().filter(c -> hits.contains(c.id())).toList());
            }
        });
    }

    private void showRows(List<Conversation> shown) {
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
