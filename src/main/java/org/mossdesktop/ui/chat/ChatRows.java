// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The chat as list rows: each message is a header, one row per Markdown block, and a footer. The list
 * virtualises rows, not messages, so a long reply is many small rows. A block whose text changed (the
 * growing last block of a streaming reply) keeps its row: the cell on screen redraws it in place, so the
 * list does not take the cell down and put it back (which applied CSS to its whole subtree again).
 */
final class ChatRows {

    /** One row of the chat list. Records compare by value: a block row is its message and index. */
    sealed interface Row {
        MessageItem message();
    }

    record Header(MessageItem message) implements Row {}

    record Block(MessageItem message, int index) implements Row {
        /** The block's current text ("" once the message has fewer blocks). */
        String text() {
            List<String> blocks = message.blocks();
            return index < blocks.size() ? blocks.get(index) : "";
        }
    }

    record Footer(MessageItem message) implements Row {}

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<MessageItem, ListChangeListener<String>> watched = new IdentityHashMap<>();
    private final IntPredicate redrawn;
    private ObservableList<MessageItem> messages = FXCollections.emptyObservableList();
    private List<MessageItem> shown = List.of();
    private final ListChangeListener<MessageItem> onMessages = c -> sync();

    /**
     * @param redrawn shows the changed text of row i in place; false if that row is not on screen, and the
     *     list then replaces the row, so whoever shows it later reads (and measures) the new text
     */
    ChatRows(IntPredicate redrawn) {
        this.redrawn = redrawn;
    }

    ObservableList<Row> rows() {
        return rows;
    }

    /** Shows the rows of {@code next}, following its changes. */
    void follow(ObservableList<MessageItem> next) {
        messages.removeListener(onMessages);
        messages = next;
        next.addListener(onMessages);
        sync();
    }

    // Messages change at their end (a reply added, the last one replaced, the turns after an edit removed):
    // the rows of the messages still in front stay, so their cells on screen stay too.
    private void sync() {
        int kept = 0;
        while (kept < shown.size() && kept < messages.size() && shown.get(kept) == messages.get(kept)) {
            kept++;
        }
        shown.subList(kept, shown.size()).forEach(item -> item.blocks().removeListener(watched.remove(item)));
        List<Row> added = new ArrayList<>();
        for (MessageItem item : messages.subList(kept, messages.size())) {
            added.add(new Header(item));
            added.addAll(blockRows(item, 0, item.blocks().size()));
            added.add(new Footer(item));
            ListChangeListener<String> listener = c -> blocksChanged(item, c);
            item.blocks().addListener(listener);
            watched.put(item, listener);
        }
        shown = new ArrayList<>(messages);
        if (kept == 0) {
            rows.setAll(added);
            return;
        }
        int end = rows.size();
        while (!(rows.get(end - 1) instanceof Footer f && f.message() == shown.get(kept - 1))) {
            end--;
        }
        if (end < rows.size()) {
            rows.remove(end, rows.size());
        }
        rows.addAll(added);
    }

    private void blocksChanged(MessageItem item, ListChangeListener.Change<? extends String> c) {
        int header = -1;
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i) instanceof Header h && h.message() == item) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            return;
        }
        // Rows name blocks by index, so after a change from index `from` on, every row still there shows new
        // text, and rows are added or removed at the end of the message's blocks.
        int from = Integer.MAX_VALUE;
        while (c.next()) {
            from = Math.min(from, c.getFrom());
        }
        int first = header + 1;
        int present = 0;
        while (rows.get(first + present) instanceof Block) {
            present++;
        }
        int now = item.blocks().size();
        for (int i = first + from; i < first + Math.min(present, now); i++) {
            if (!redrawn.test(i)) {
                rows.set(i, rows.get(i));
            }
        }
        if (now > present) {
            rows.addAll(first + present, blockRows(item, present, now));
        } else if (now < present) {
            rows.remove(first + now, first + present);
        }
    }

    private static List<Row> blockRows(MessageItem item, int from, int to) {
        List<Row> added = new ArrayList<>();
        for (int i = from; i < to; i++) {
            added.add(new Block(item, i));
        }
        return added;
    }
}
