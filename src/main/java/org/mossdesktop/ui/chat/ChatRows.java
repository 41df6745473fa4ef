// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The chat as list rows: each message is a header, one row per Markdown block, and a footer. The list
 * virtualises rows, not messages, so a long reply is many small rows and a streaming reply changes only
 * its last row each pulse.
 */
final class ChatRows {

    /** One row of the chat list. Records compare by value, so an unchanged block is not rebuilt. */
    sealed interface Row {
        MessageItem message();
    }

    record Header(MessageItem message) implements Row {}

    record Block(MessageItem message, int index, String text) implements Row {}

    record Footer(MessageItem message) implements Row {}

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Map<MessageItem, ListChangeListener<String>> watched = new IdentityHashMap<>();
    private ObservableList<MessageItem> messages = FXCollections.emptyObservableList();
    private final ListChangeListener<MessageItem> onMessages = c -> rebuild();

    ObservableList<Row> rows() {
        return rows;
    }

    /** Shows the rows of {@code next}, following its changes. */
    void follow(ObservableList<MessageItem> next) {
        messages.removeListener(onMessages);
        messages = next;
        next.addListener(onMessages);
        rebuild();
    }

    private void rebuild() {
        watched.forEach((item, listener) -> item.blocks().removeListener(listener));
        watched.clear();
        List<Row> all = new ArrayList<>();
        for (MessageItem item : messages) {
            all.add(new Header(item));
            for (int i = 0; i < item.blocks().size(); i++) {
                all.add(new Block(item, i, item.blocks().get(i)));
            }
            all.add(new Footer(item));
            ListChangeListener<String> listener = c -> blocksChanged(item);
            item.blocks().addListener(listener);
            watched.put(item, listener);
        }
        rows.setAll(all);
    }

    // Replaces only the rows whose text changed: the growing last block, and blocks that were added.
    private void blocksChanged(MessageItem item) {
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
        int first = header + 1;
        int shown = 0;
        while (rows.get(first + shown) instanceof Block) {
            shown++;
        }
        List<String> blocks = item.blocks();
        for (int i = 0; i < Math.min(shown, blocks.size()); i++) {
            Block now = new Block(item, i, blocks.get(i));
            if (!rows.get(first + i).equals(now)) {
                rows.set(first + i, now);
            }
        }
        if (blocks.size() > shown) {
            List<Row> added = new ArrayList<>();
            for (int i = shown; i < blocks.size(); i++) {
                added.add(new Block(item, i, blocks.get(i)));
            }
            rows.addAll(first + shown, added);
        } else if (blocks.size() < shown) {
            rows.remove(first + blocks.size(), first + shown);
        }
    }
}
