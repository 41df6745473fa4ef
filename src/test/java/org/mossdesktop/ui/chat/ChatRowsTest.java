// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mossdesktop.chat.ReplyEvent.Part;

/** How the chat's rows follow its messages: in place where the list allows it, at the end otherwise. */
class ChatRowsTest {

    private final List<Integer> redrawn = new ArrayList<>();
    private final List<String> changes = new ArrayList<>();
    private final ObservableList<MessageItem> messages = FXCollections.observableArrayList();
    private boolean onScreen = true;
    private ChatRows rows;
    private MessageItem question;
    private MessageItem reply;

    @BeforeEach
    void conversation() {
        rows = new ChatRows(i -> {
            redrawn.add(i);
            return onScreen;
        });
        question = MessageItem.pendingUser("Explain.");
        reply = MessageItem.streamingReply();
        messages.setAll(question, reply);
        rows.follow(messages);
        rows.rows().addListener((ListChangeListener<ChatRows.Row>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replace " : c.wasAdded() ? "add " : "remove ") + c.getFrom() + ".."
                        + (c.wasAdded() ? c.getTo() : c.getFrom() + c.getRemovedSize()));
            }
        });
    }

    @Test
    void a_growing_block_keeps_its_row_and_is_redrawn_where_it_is_shown() {
        reply.append(Part.REPLY, "MOSS");
        assertEquals(List.of("add 4..5"), changes);

        reply.append(Part.REPLY, " writes");
        reply.append(Part.REPLY, " on.");

        assertEquals(List.of("add 4..5"), changes, "the list did not change for the growing block");
        assertEquals(List.of(4, 4), redrawn);
        assertEquals("MOSS writes on.", ((ChatRows.Block) rows.rows().get(4)).text());
    }

    @Test
    void a_growing_block_that_is_not_on_screen_is_replaced_so_it_is_measured_again() {
        reply.append(Part.REPLY, "MOSS");
        onScreen = false;
        changes.clear();

        reply.append(Part.REPLY, " writes");

        assertEquals(List.of("replace 4..5"), changes);
        assertEquals(new ChatRows.Block(reply, 0), rows.rows().get(4));
    }

    @Test
    void a_finished_block_stays_and_the_next_one_is_added_after_it() {
        reply.append(Part.REPLY, "First paragraph.");
        changes.clear();

        reply.append(Part.REPLY, "\n\nSecond");

        assertEquals(List.of(4), redrawn.subList(redrawn.size() - 1, redrawn.size()));
        assertEquals(List.of("add 5..6"), changes);
        assertEquals(
                List.of("First paragraph.\n\n", "Second"),
                List.of(
                        ((ChatRows.Block) rows.rows().get(4)).text(),
                        ((ChatRows.Block) rows.rows().get(5)).text()));
        assertEquals(new ChatRows.Footer(reply), rows.rows().getLast());
    }

    @Test
    void a_new_turn_adds_rows_at_the_end_and_leaves_the_earlier_ones() {
        reply.append(Part.REPLY, "Done.");
        ChatRows.Row firstRow = rows.rows().getFirst();
        changes.clear();

        MessageItem next = MessageItem.pendingUser("More.");
        messages.addAll(next, MessageItem.streamingReply());

        assertEquals(List.of("add 6..11"), changes);
        assertSame(firstRow, rows.rows().getFirst());
    }

    @Test
    void replacing_the_last_reply_removes_only_its_rows() {
        reply.append(Part.REPLY, "Old answer.");
        changes.clear();

        MessageItem again = MessageItem.streamingReply();
        messages.removeLast();
        messages.add(again);

        assertEquals(List.of("remove 3..6", "add 3..5"), changes);
        assertEquals(
                List.of(new ChatRows.Header(again), new ChatRows.Footer(again)),
                rows.rows().subList(3, 5));
        changes.clear();
        reply.append(Part.REPLY, " Still streaming into the old item.");
        assertEquals(List.of(), changes, "the removed reply's rows no longer follow it");
    }

    @Test
    void another_conversation_replaces_every_row() {
        ObservableList<MessageItem> other = FXCollections.observableArrayList(MessageItem.pendingUser("Hi"));
        changes.clear();

        rows.follow(other);

        assertEquals(List.of("replace 0..3"), changes);
        assertEquals(3, rows.rows().size());
    }
}
