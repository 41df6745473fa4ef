// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;

/** What opening does with a file it did not expect: newer, not SQLite, damaged, foreign. */
class OpeningTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-28T15:30:00Z"));

    private Path database() {
        return dir.resolve("conversations.db");
    }

    private ConversationStore open(StoreOptions.IntegrityCheck check) {
        return ConversationStore.open(
                database(), StoreOptions.DEFAULTS.withClock(clock).withIntegrityCheck(check));
    }

    private ConversationStore open() {
        return open(StoreOptions.IntegrityCheck.AFTER_UNCLEAN_SHUTDOWN);
    }

    /** A closed database with a few hundred messages, so that their table spans many pages. */
    private void saveSomeConversations() {
        try (ConversationStore store = open()) {
            for (int c = 0; c < 5; c++) {
                Conversation conversation =
                        new Conversation(0, "对话 " + c, clock.instant(), clock.instant(), false, Optional.empty());
                List<Message> messages = new ArrayList<>();
                for (int m = 0; m < 60; m++) {
                    messages.add(Message.user(0, "消息 message " + m + " ".repeat(200), clock.instant()));
                }
                // One transaction per conversation: quicker than a synced commit per message.
                store.importTranscript(new Transcript(conversation, messages, Map.of()));
            }
        }
    }

    @Test
    void a_database_newer_than_the_app_is_refused_untouched() throws IOException {
        saveSomeConversations();
        DatabaseFixtures.run(database(), "PRAGMA user_version = " + (Schema.VERSION + 1));
        byte[] before = Files.readAllBytes(database());
        FileTime modified = Files.getLastModifiedTime(database());

        UserFacingException e = assertThrows(UserFacingException.class, this::open);

        assertEquals("store.newerVersion", e.key());
        assertTrue(e.localizedMessage(Messages.ENGLISH).contains("newer MOSS Desktop"), e.getMessage());
        assertTrue(e.localizedMessage(Messages.ENGLISH).contains(database().toString()), e.getMessage());
        assertTrue(e.localizedMessage(Messages.CHINESE).contains("更新版本"), e.localizedMessage(Messages.CHINESE));
        assertArrayEquals(before, Files.readAllBytes(database()));
        assertEquals(modified, Files.getLastModifiedTime(database()));
        assertFalse(Files.exists(dir.resolve("conversations.db-session")));
    }

    @Test
    void a_file_that_is_not_sqlite_is_set_aside_untouched_and_a_fresh_database_started() throws IOException {
        byte[] notes = "my notes, not a database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(database(), notes);

        try (ConversationStore store = open()) {
            SetAsideDatabase setAside = store.setAside().orElseThrow();
            assertEquals(dir.resolve("conversations.corrupt-20261128-153000.db"), setAside.movedTo());
            assertArrayEquals(notes, Files.readAllBytes(setAside.movedTo()));
            assertTrue(setAside.message(Messages.ENGLISH)
                    .contains(setAside.movedTo().toString()));
            assertTrue(setAside.message(Messages.CHINESE)
                    .contains(setAside.movedTo().toString()));
            assertEquals(List.of(), store.list());
            store.create("a fresh start", Optional.empty());
        }
        try (ConversationStore store = open()) {
            assertTrue(store.setAside().isEmpty());
            assertEquals(1, store.list().size());
        }
    }

    @Test
    void a_damaged_page_fails_the_integrity_check_and_the_file_and_its_wal_are_set_aside() throws IOException {
        saveSomeConversations();
        damageTheMessagesTable();
        byte[] damaged = Files.readAllBytes(database());
        byte[] wal = "a write-ahead log that might hold the last saves".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("conversations.db-wal"), wal);

        try (ConversationStore store = open(StoreOptions.IntegrityCheck.ALWAYS)) {
            SetAsideDatabase setAside = store.setAside().orElseThrow();
            assertTrue(setAside.reason().startsWith("integrity check failed"), setAside.reason());
            assertArrayEquals(damaged, Files.readAllBytes(setAside.movedTo()));
            assertArrayEquals(wal, Files.readAllBytes(Path.of(setAside.movedTo() + "-wal")));
            assertEquals(List.of(), store.list());
        }
    }

    @Test
    void after_an_unclean_shutdown_the_full_check_runs_without_being_asked() throws IOException {
        saveSomeConversations();
        damageTheMessagesTable();
        // What a killed session leaves behind.
        Files.writeString(dir.resolve("conversations.db-session"), "pid 1\n");

        try (ConversationStore store = open()) {
            assertTrue(store.setAside().isPresent());
        }
    }

    @Test
    void after_a_clean_shutdown_opening_skips_the_full_check() throws IOException {
        saveSomeConversations();
        damageTheMessagesTable();

        try (ConversationStore store = open()) {
            assertTrue(store.setAside().isEmpty());
            // The damage shows when the page is read: the user is told, and the next start checks.
            UserFacingException e = assertThrows(
                    UserFacingException.class,
                    () -> store.messages(store.list().getFirst().id()));
            assertEquals("store.damaged", e.key());
        }
        assertTrue(Files.exists(dir.resolve("conversations.db-session")));
        try (ConversationStore store = open()) {
            assertTrue(store.setAside().isPresent());
        }
    }

    @Test
    void another_programs_sqlite_database_at_our_path_is_set_aside_not_changed() throws IOException {
        DatabaseFixtures.run(
                database(),
                "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)",
                "INSERT INTO photos (path) VALUES ('/home/me/cat.jpg')");
        byte[] theirs = Files.readAllBytes(database());

        try (ConversationStore store = open()) {
            SetAsideDatabase setAside = store.setAside().orElseThrow();
            assertTrue(setAside.reason().contains("not a MOSS Desktop database"), setAside.reason());
            assertArrayEquals(theirs, Files.readAllBytes(setAside.movedTo()));
        }
    }

    @Test
    void two_damaged_files_in_the_same_second_get_different_names() throws IOException {
        Files.writeString(database(), "garbage one");
        Path first;
        try (ConversationStore store = open()) {
            first = store.setAside().orElseThrow().movedTo();
        }
        Files.writeString(database(), "garbage two");
        try (ConversationStore store = open()) {
            Path second = store.setAside().orElseThrow().movedTo();
            assertEquals("garbage one", Files.readString(first));
            assertEquals("garbage two", Files.readString(second));
        }
    }

    /** Overwrites the page header of the messages table's root, a page that opening does not read. */
    private void damageTheMessagesTable() throws IOException {
        int page = Integer.parseInt(
                SqliteFile.single(database(), "SELECT rootpage FROM sqlite_schema WHERE name = 'messages'"));
        int pageSize = Integer.parseInt(SqliteFile.single(database(), "PRAGMA page_size"));
        try (RandomAccessFile file = new RandomAccessFile(database().toFile(), "rw")) {
            file.seek((long) (page - 1) * pageSize);
            file.write(new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE});
        }
    }
}
