// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.SearchHit;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;

/** Each migration step upgrades a database made by the version before it. */
class MigrationTest {

    @TempDir
    Path dir;

    private Path database() {
        return dir.resolve("conversations.db");
    }

    private ConversationStore open() {
        return ConversationStore.open(database(), StoreOptions.DEFAULTS);
    }

    @Test
    void step_1_turns_a_missing_file_into_a_database_of_the_latest_version() {
        try (ConversationStore store = open()) {
            assertEquals(List.of(), store.list());
        }
        assertEquals(String.valueOf(Schema.VERSION), SqliteFile.single(database(), "PRAGMA user_version"));
        assertEquals(String.valueOf(Schema.APPLICATION_ID), SqliteFile.single(database(), "PRAGMA application_id"));
        assertEquals("wal", SqliteFile.single(database(), "PRAGMA journal_mode"));
    }

    @Test
    void step_1_also_takes_an_empty_file() throws IOException {
        Files.createFile(database());
        try (ConversationStore store = open()) {
            assertEquals(List.of(), store.list());
            assertTrue(store.setAside().isEmpty());
        }
    }

    @Test
    void step_2_upgrades_a_version_1_database_keeping_every_conversation_message_and_setting() {
        DatabaseFixtures.runScript(database(), "v1-database.sql");

        try (ConversationStore store = open()) {
            assertEquals(
                    List.of("数学作业", "Trip to Hangzhou"),
                    store.list().stream().map(Conversation::title).toList());
            Conversation math = store.list().getFirst();
            assertTrue(math.pinned());
            assertEquals(Instant.ofEpochMilli(1764316860000L), math.updatedAt());
            assertEquals(Optional.of(GenerationSettings.MOSS_DEFAULTS), math.settings());

            Message reply = store.messages(math.id()).getLast();
            assertEquals("方程的解是 x = 2 和 x = 3。", reply.text());
            assertEquals("用户想解方程，我需要调用求解器。", reply.innerThoughts());
            assertEquals("Solve(\"x^2-5x+6=0\")", reply.commands());
            assertEquals("Solve(\"x^2-5x+6=0\") => x = 2\nx = 3", reply.results());
            assertEquals(
                    Optional.of(new ReplyInfo(
                            "moss-moon-003-sft-plugin",
                            GenerationSettings.MOSS_DEFAULTS.withSeed(7),
                            FinishReason.EOM,
                            412,
                            17,
                            88,
                            530)),
                    reply.reply());
            assertEquals("dark", store.settings().get(Setting.THEME));
            assertEquals(
                    List.of("/models/moss-moon-003-sft-plugin"),
                    store.settings().get(Setting.RECENT_MODELS));
        }
        assertEquals(String.valueOf(Schema.VERSION), SqliteFile.single(database(), "PRAGMA user_version"));
    }

    @Test
    void step_2_indexes_what_version_1_saved_so_old_conversations_are_searchable() {
        DatabaseFixtures.runScript(database(), "v1-database.sql");

        try (ConversationStore store = open()) {
            List<SearchHit> hits = store.search("二次方程", 10);
            assertEquals(1, hits.size());
            assertEquals(1, hits.getFirst().messageId());
            assertEquals(4, store.search("Longjing", 10).getFirst().messageId());
            assertEquals(1, store.search("作业", 10).size());
        }
    }

    @Test
    void step_2_adds_attachments_to_old_messages() {
        DatabaseFixtures.runScript(database(), "v1-database.sql");

        try (ConversationStore store = open()) {
            Message reply = store.messages(1).getLast();
            store.attach(reply.id(), "image-1.png", "image/png", new byte[] {1, 2, 3});
            assertEquals(1, store.messages(1).getLast().attachments().size());
        }
    }

    @Test
    void the_version_2_fixture_has_the_schema_that_migrations_1_and_2_make() {
        DatabaseFixtures.runScript(database(), "v2-database.sql");
        Path made = dir.resolve("made-by-migrations.db");
        for (Migration step : Schema.MIGRATIONS.subList(0, 2)) {
            DatabaseFixtures.run(made, step.statements().toArray(String[]::new));
        }

        assertEquals(schema(made), schema(database()));
    }

    @Test
    void step_3_upgrades_a_version_2_database_keeping_messages_attachments_and_search() {
        DatabaseFixtures.runScript(database(), "v2-database.sql");

        try (ConversationStore store = open()) {
            assertEquals(
                    List.of("杭州天气", "A picture of the West Lake"),
                    store.list().stream().map(Conversation::title).toList());
            Message reply = store.messages(1).getLast();
            assertEquals("明天杭州有小雨<sup><|1|></sup>，记得带伞。", reply.text());
            assertEquals("Search(\"杭州 明天 天气\") =>\n<|1|>: '杭州明天小雨，气温 8 到 12 度。'", reply.results());
            assertEquals(FinishReason.EOM, reply.reply().orElseThrow().finishReason());
            assertEquals(Citations.none(), reply.citations());
            Message picture = store.messages(2).getLast();
            assertEquals(
                    List.of("image-1.png"),
                    picture.attachments().stream().map(Attachment::name).toList());
            assertArrayEquals(
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                    store.attachmentContent(picture.attachments().getFirst().id()));
            assertEquals(2, store.search("带伞", 10).getFirst().messageId());
            assertEquals(2, store.search("West Lake", 10).getFirst().conversationId());
        }
        assertEquals(String.valueOf(Schema.VERSION), SqliteFile.single(database(), "PRAGMA user_version"));
    }

    @Test
    void step_3_lets_a_reply_from_version_2_keep_the_sources_of_its_citations() {
        DatabaseFixtures.runScript(database(), "v2-database.sql");
        Citations sources = new Citations(new TreeMap<>(
                Map.of(1, new ToolResult.Snippet("杭州天气预报", "https://weather.example.com/hangzhou", "杭州明天小雨"))));

        try (ConversationStore store = open()) {
            store.finishReply(store.messages(1).getLast().withCitations(sources));
        }
        try (ConversationStore store = open()) {
            assertEquals(sources, store.messages(1).getLast().citations());
        }
    }

    @Test
    void the_version_3_fixture_has_the_schema_that_migrations_1_to_3_make() {
        DatabaseFixtures.runScript(database(), "v3-database.sql");
        Path made = dir.resolve("made-by-migrations.db");
        for (Migration step : Schema.MIGRATIONS.subList(0, 3)) {
            DatabaseFixtures.run(made, step.statements().toArray(String[]::new));
        }

        assertEquals(schema(made), schema(database()));
    }

    @Test
    void step_4_indexes_what_version_3_saved_so_short_terms_find_old_messages() {
        DatabaseFixtures.runScript(database(), "v3-database.sql");

        try (ConversationStore store = open()) {
            assertEquals(List.of(1L), messageIds(store, "外套"));
            assertEquals(List.of(2L), messageIds(store, "大风"));
            assertEquals(List.of(2L), messageIds(store, "京 零下"));
            assertEquals(List.of(3L), messageIds(store, "la"));
            assertEquals(List.of(), messageIds(store, "鲸"));
            assertEquals(List.of(), messageIds(store, "id"));
        }
        assertEquals(String.valueOf(Schema.VERSION), SqliteFile.single(database(), "PRAGMA user_version"));
    }

    @Test
    void step_4_indexes_old_titles_too() {
        DatabaseFixtures.runScript(database(), "v3-database.sql");

        try (ConversationStore store = open()) {
            SearchHit hit = store.search("天", 10).getFirst();
            assertEquals(1, hit.conversationId());
            assertTrue(hit.titleMatched());
            assertEquals(2, store.search("ne", 10).getFirst().conversationId());
        }
    }

    @Test
    void step_4_lets_old_messages_leave_the_short_term_index_when_deleted_or_edited() {
        DatabaseFixtures.runScript(database(), "v3-database.sql");

        try (ConversationStore store = open()) {
            store.deleteFrom(3);
            store.finishReply(store.messages(1).getLast().withText("下周多云。"));

            assertEquals(List.of(), messageIds(store, "la"));
            assertEquals(List.of(), messageIds(store, "大风"));
            assertEquals(List.of(2L), messageIds(store, "多云"));
        }
    }

    @Test
    void an_upgrade_keeps_a_backup_of_the_old_version() throws IOException {
        DatabaseFixtures.runScript(database(), "v1-database.sql");

        open().close();

        List<Path> backups;
        try (Stream<Path> files = Files.list(dir)) {
            backups = files.filter(path -> path.getFileName().toString().startsWith("conversations.v1-backup-"))
                    .toList();
        }
        assertEquals(1, backups.size(), backups.toString());
        assertEquals("1", SqliteFile.single(backups.getFirst(), "PRAGMA user_version"));
        assertEquals("5", SqliteFile.single(backups.getFirst(), "SELECT count(*) FROM messages"));
    }

    @Test
    void a_step_that_fails_leaves_the_database_at_the_version_before() {
        DatabaseFixtures.runScript(database(), "v1-database.sql");
        // Something step 2 cannot create over.
        DatabaseFixtures.run(database(), "CREATE TABLE attachments (x)");

        UserFacingException e = assertThrows(UserFacingException.class, this::open);

        assertEquals("store.failed", e.key());
        assertEquals("1", SqliteFile.single(database(), "PRAGMA user_version"));
        assertEquals(
                List.of(), SqliteFile.column(database(), "SELECT name FROM sqlite_schema WHERE name LIKE '%search%'"));
        assertEquals("5", SqliteFile.single(database(), "SELECT count(*) FROM messages"));
    }

    @Test
    void the_settings_of_a_seeded_reply_survive_the_upgrade() {
        DatabaseFixtures.runScript(database(), "v1-database.sql");
        try (ConversationStore store = open()) {
            assertEquals(
                    OptionalLong.of(7),
                    store.messages(1).getLast().reply().orElseThrow().settings().seed());
        }
    }

    /** The messages a search found, titles aside. */
    private static List<Long> messageIds(ConversationStore store, String query) {
        return store.search(query, 10).stream()
                .filter(hit -> !hit.titleMatched())
                .map(SearchHit::messageId)
                .toList();
    }

    /** Every table, index, trigger and virtual table with its SQL, whitespace aside. */
    private static List<String> schema(Path database) {
        return SqliteFile.column(
                        database,
                        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
                .stream()
                .map(entry -> entry.replaceAll("\\s+", " "))
                .toList();
    }
}
