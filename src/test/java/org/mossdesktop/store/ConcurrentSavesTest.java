// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.Role;

/** The generation thread streams a reply while the UI thread saves, lists and searches. */
class ConcurrentSavesTest {

    @TempDir
    Path dir;

    @Test
    void a_streaming_reply_and_the_users_edits_are_all_saved_when_both_threads_write_at_once() throws Exception {
        StoreOptions options = StoreOptions.DEFAULTS.withReplySaveInterval(Duration.ofMillis(1));
        try (ConversationStore store = ConversationStore.open(dir.resolve("conversations.db"), options);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Conversation chat = store.create("streaming", Optional.empty());
            Conversation notes = store.create("notes", Optional.empty());
            CyclicBarrier start = new CyclicBarrier(2);
            String full = "MOSS 正在回答：".repeat(50);

            Callable<Message> generation = () -> {
                Message reply = store.append(Message.mossReply(chat.id(), java.time.Instant.now()));
                start.await();
                for (int end = 1; end <= full.length(); end++) {
                    store.updateReply(reply.withText(full.substring(0, end)));
                }
                return store.finishReply(reply.withText(full));
            };
            Callable<Integer> ui = () -> {
                start.await();
                for (int i = 0; i < 300; i++) {
                    store.append(Message.user(notes.id(), "note " + i, java.time.Instant.now()));
                    if (i % 10 == 0) {
                        store.rename(notes.id(), "notes " + i);
                        store.list();
                        store.search("正在回答", 5);
                        store.messages(chat.id());
                    }
                }
                return 300;
            };
            Future<Message> reply = threads.submit(generation);
            Future<Integer> notesWritten = threads.submit(ui);

            assertEquals(full, reply.get().text());
            assertEquals(300, (int) notesWritten.get());
            assertEquals(full, store.messages(chat.id()).getLast().text());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                expected.add("note " + i);
            }
            assertEquals(
                    expected,
                    store.messages(notes.id()).stream().map(Message::text).toList());
            assertEquals("notes 290", store.find(notes.id()).orElseThrow().title());
        }
    }

    @Test
    void two_threads_appending_to_one_conversation_lose_no_message() throws Exception {
        try (ConversationStore store = ConversationStore.open(dir.resolve("conversations.db"), StoreOptions.DEFAULTS);
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Conversation conversation = store.create("shared", Optional.empty());
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<?>> writers = new ArrayList<>();
            for (Role role : Role.values()) {
                writers.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        store.append(new Message(
                                0,
                                conversation.id(),
                                role,
                                role + " " + i,
                                "",
                                "",
                                "",
                                Optional.empty(),
                                java.time.Instant.now()));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }

            List<Message> messages = store.messages(conversation.id());
            assertEquals(400, messages.size());
            for (Role role : Role.values()) {
                List<String> texts = messages.stream()
                        .filter(m -> m.role() == role)
                        .map(Message::text)
                        .toList();
                assertEquals(200, texts.size());
                for (int i = 0; i < 200; i++) {
                    assertEquals(role + " " + i, texts.get(i));
                }
            }
        }
    }
}
