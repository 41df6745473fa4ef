// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;

/** A process streaming a reply is killed with SIGKILL; what it saved is still there and the file is sound. */
class CrashTest {

    private static final int SAVES_BEFORE_THE_KILL = 15;

    @TempDir
    Path dir;

    @Test
    @Timeout(120) // a guard against a writer that never saves, not a measurement
    void a_reply_killed_mid_stream_keeps_everything_up_to_its_last_save_and_the_database_opens_cleanly()
            throws IOException, InterruptedException {
        Path database = dir.resolve("conversations.db");
        Path stderr = dir.resolve("writer.err");
        Process writer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamingWriter.class.getName(),
                        database.toString())
                .redirectError(stderr.toFile())
                .start();
        long streamingId = 0;
        int lastSaved = 0;
        int saves = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            while (saves < SAVES_BEFORE_THE_KILL) {
                String line = out.readLine();
                if (line == null) {
                    fail("the writer ended before it was killed:\n" + Files.readString(stderr));
                }
                if (line.startsWith("STREAMING ")) {
                    streamingId = Long.parseLong(line.substring("STREAMING ".length()));
                } else if (line.startsWith("SAVED ")) {
                    lastSaved = Integer.parseInt(line.substring("SAVED ".length()));
                    saves++;
                }
            }
            // SIGKILL on Linux and macOS: no shutdown hooks, no close, no flush.
            writer.destroyForcibly();
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "the writer did not die");
        } finally {
            writer.destroyForcibly();
        }

        assertTrue(Files.exists(dir.resolve("conversations.db-session")), "a killed session leaves its marker");
        assertTrue(Files.exists(dir.resolve("conversations.db-wal")), "the saves are still in the write-ahead log");
        assertEquals("ok", SqliteFile.single(database, "PRAGMA integrity_check"));
        try (ConversationStore store = ConversationStore.open(database, StoreOptions.DEFAULTS)) {
            assertTrue(
                    store.setAside().isEmpty(),
                    () -> store.setAside().orElseThrow().reason());
            List<Conversation> conversations = store.list();
            assertEquals(1, conversations.size());
            List<Message> messages = store.messages(conversations.getFirst().id());
            assertEquals(
                    List.of(StreamingWriter.QUESTION, StreamingWriter.FIRST_ANSWER, "继续。Go on."),
                    messages.subList(0, 3).stream().map(Message::text).toList());
            assertTrue(messages.get(1).reply().isPresent());

            Message streaming = messages.get(3);
            assertEquals(streamingId, streaming.id());
            int saved = streaming.text().length();
            // Everything up to the last save it reported, perhaps a save more; never a torn or foreign text.
            assertTrue(saved >= lastSaved, "saved " + saved + " characters, but the writer had reported " + lastSaved);
            assertEquals(StreamingWriter.reply(saved), streaming.text());
            assertEquals(1, store.search("从前有座山", 10).size());
        }
        assertEquals("ok", SqliteFile.single(database, "PRAGMA integrity_check"));
    }
}
