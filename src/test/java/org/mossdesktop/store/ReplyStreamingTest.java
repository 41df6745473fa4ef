// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;

class ReplyStreamingTest {

    private static final Duration NEVER_DURING_THE_TEST = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private final List<String> saves = new CopyOnWriteArrayList<>();
    private ConversationStore store;

    @AfterEach
    void close() {
        store.close();
    }

    private Path database() {
        return dir.resolve("conversations.db");
    }

    private ConversationStore open(Duration interval) {
        store = ConversationStore.open(
                database(), StoreOptions.DEFAULTS.withClock(clock).withReplySaveInterval(interval));
        store.onReplySaved(draft -> saves.add(draft.text()));
        return store;
    }

    private Message startReply() {
        Conversation conversation = store.create("streaming", Optional.empty());
        store.append(Message.user(conversation.id(), "讲个故事", clock.instant()));
        return store.append(Message.mossReply(conversation.id(), clock.instant()));
    }

    private String savedText(Message reply) {
        return SqliteFile.single(database(), "SELECT text FROM messages WHERE id = " + reply.id());
    }

    @Test
    void a_growing_reply_is_saved_in_the_background_while_it_grows() throws InterruptedException {
        open(Duration.ofMillis(20));
        Message reply = startReply();
        CountDownLatch saved = new CountDownLatch(1);
        store.onReplySaved(draft -> saved.countDown());

        store.updateReply(reply.withText("从前有座山"));

        assertTrue(saved.await(10, TimeUnit.SECONDS), "the draft was never saved");
        assertEquals("从前有座山", savedText(reply));
    }

    @Test
    void the_latest_state_shows_in_the_messages_before_it_is_saved() {
        open(NEVER_DURING_THE_TEST);
        Message reply = startReply();

        store.updateReply(reply.withText("Once upon"));
        store.updateReply(reply.withText("Once upon a time"));

        assertEquals(
                "Once upon a time",
                store.messages(reply.conversationId()).getLast().text());
        assertEquals("", savedText(reply));
    }

    @Test
    void many_updates_between_saves_become_one_write_of_the_latest_state() {
        open(NEVER_DURING_THE_TEST);
        Message reply = startReply();
        StringBuilder text = new StringBuilder();
        for (int token = 0; token < 200; token++) {
            text.append("字");
            store.updateReply(reply.withText(text.toString()));
        }

        store.close();

        assertEquals(List.of(text.toString()), saves);
        assertEquals(text.toString(), savedText(reply));
    }

    @Test
    void the_finished_reply_is_saved_at_once_and_no_pending_draft_overwrites_it() {
        open(NEVER_DURING_THE_TEST);
        Message reply = startReply();
        store.updateReply(reply.withText("partial"));
        ReplyInfo info =
                new ReplyInfo("moss-moon-003-sft", GenerationSettings.MOSS_DEFAULTS, FinishReason.EOM, 10, 3, 50, 90);

        Message finished = store.finishReply(reply.withText("the whole reply").withReply(info));

        assertEquals("the whole reply", savedText(reply));
        assertEquals(Optional.of(info), finished.reply());
        store.close();
        assertEquals(List.of(), saves);
        assertEquals("the whole reply", savedText(reply));
    }

    @Test
    void a_draft_of_a_reply_removed_by_regenerating_is_not_written_back() {
        open(NEVER_DURING_THE_TEST);
        Message reply = startReply();
        store.updateReply(reply.withText("stale"));

        store.deleteFrom(reply.id());
        store.close();

        assertEquals(List.of(), SqliteFile.column(database(), "SELECT text FROM messages WHERE text = 'stale'"));
    }

    @Test
    void a_reply_saved_while_streaming_moves_its_conversation_to_the_top() {
        open(Duration.ofMillis(1));
        Message reply = startReply();
        Conversation other = store.create("other", Optional.empty());
        clock.advance(Duration.ofMinutes(5));

        store.finishReply(reply.withText("done"));

        assertEquals(reply.conversationId(), store.list().getFirst().id());
        assertEquals(2, store.list().size());
        assertEquals(other.id(), store.list().getLast().id());
    }
}
