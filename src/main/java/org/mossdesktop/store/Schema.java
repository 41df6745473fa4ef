// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.util.List;

/**
 * The store's schema as an ordered list of migrations. The schema version is SQLite's
 * {@code PRAGMA user_version}: it lives in the file header and changes in the same transaction as the
 * tables, so the version can never disagree with the schema. Append new steps; never edit a released one
 * (each has a test that upgrades a database made by the step before).
 */
final class Schema {

    /** Marks the file as ours ("MOSS" in ASCII), so a foreign SQLite file at our path is not mistaken for it. */
    static final int APPLICATION_ID = 0x4D4F5353;

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    "conversations, messages and settings",
                    List.of("""
                            CREATE TABLE conversations (
                                id         INTEGER PRIMARY KEY,
                                title      TEXT    NOT NULL,
                                created_at INTEGER NOT NULL,
                                updated_at INTEGER NOT NULL,
                                pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
                                settings   TEXT    CHECK (settings IS NULL OR json_valid(settings)),
                                deleted_at INTEGER
                            )""", """
                            CREATE INDEX conversations_in_list_order
                                ON conversations (pinned DESC, updated_at DESC, id DESC) WHERE deleted_at IS NULL""", """
                            CREATE TABLE messages (
                                id               INTEGER PRIMARY KEY,
                                conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                                role             TEXT    NOT NULL CHECK (role IN ('user', 'moss')),
                                text             TEXT    NOT NULL,
                                inner_thoughts   TEXT    NOT NULL DEFAULT '',
                                commands         TEXT    NOT NULL DEFAULT '',
                                results          TEXT    NOT NULL DEFAULT '',
                                created_at       INTEGER NOT NULL,
                                model_name       TEXT,
                                settings         TEXT    CHECK (settings IS NULL OR json_valid(settings)),
                                finish_reason    TEXT,
                                prompt_tokens    INTEGER,
                                generated_tokens INTEGER,
                                ttft_ms          INTEGER,
                                decode_ms        INTEGER
                            )""", "CREATE INDEX messages_in_order ON messages (conversation_id, id)", """
                            CREATE TABLE settings (
                                key   TEXT PRIMARY KEY,
                                value TEXT NOT NULL CHECK (json_valid(value))
                            ) WITHOUT ROWID""")),
            new Migration(
                    2,
                    "attachments, and full-text search over titles and messages (trigram, for Chinese)",
                    List.of(
                            """
                            CREATE TABLE attachments (
                                id         INTEGER PRIMARY KEY,
                                message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
                                name       TEXT    NOT NULL,
                                media_type TEXT    NOT NULL,
                                content    BLOB    NOT NULL
                            )""",
                            "CREATE INDEX attachments_by_message ON attachments (message_id, id)",
                            // Contentless: the text is stored once, in messages. Each entry's rowid is
                            // (conversation id << 32) | message id, so a search groups its hits by conversation
                            // from the index alone, without a lookup per hit (message ids stay below 2^32).
                            """
                            CREATE VIRTUAL TABLE message_search USING fts5 (
                                text, content = '', contentless_delete = 1, tokenize = 'trigram')""",
                            """
                            CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
                                INSERT INTO message_search (rowid, text)
                                    VALUES ((new.conversation_id << 32) | new.id, new.text);
                            END""",
                            """
                            CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
                                DELETE FROM message_search WHERE rowid = (old.conversation_id << 32) | old.id;
                            END""",
                            """
                            CREATE TRIGGER message_search_update AFTER UPDATE OF text ON messages BEGIN
                                DELETE FROM message_search WHERE rowid = (old.conversation_id << 32) | old.id;
                                INSERT INTO message_search (rowid, text)
                                    VALUES ((new.conversation_id << 32) | new.id, new.text);
                            END""",
                            // Titles are few and short: an external-content index over conversations.
                            """
                            CREATE VIRTUAL TABLE title_search USING fts5 (
                                title, content = 'conversations', content_rowid = 'id', tokenize = 'trigram')""",
                            """
                            CREATE TRIGGER title_search_insert AFTER INSERT ON conversations BEGIN
                                INSERT INTO title_search (rowid, title) VALUES (new.id, new.title);
                            END""",
                            """
                            CREATE TRIGGER title_search_delete AFTER DELETE ON conversations BEGIN
                                INSERT INTO title_search (title_search, rowid, title)
                                    VALUES ('delete', old.id, old.title);
                            END""",
                            """
                            CREATE TRIGGER title_search_update AFTER UPDATE OF title ON conversations BEGIN
                                INSERT INTO title_search (title_search, rowid, title)
                                    VALUES ('delete', old.id, old.title);
                                INSERT INTO title_search (rowid, title) VALUES (new.id, new.title);
                            END""",
                            // Index what version 1 saved.
                            """
                            INSERT INTO message_search (rowid, text)
                                SELECT (conversation_id << 32) | id, text FROM messages""",
                            "INSERT INTO title_search (title_search) VALUES ('rebuild')")),
            new Migration(
                    3,
                    "the sources of MOSS's citations, per reply",
                    List.of(
                            // A JSON array of the turn's search hits ({number, title, url, text}); NULL for none.
                            """
                            ALTER TABLE messages ADD COLUMN citations TEXT
                                CHECK (citations IS NULL OR json_valid(citations))""")),
            new Migration(
                    4,
                    "an index for search terms of one or two characters (北京, 猫, AI)",
                    List.of(
                            // The tokens come from short_terms(), which the store registers on its writing
                            // connection (ShortTerms): another program (the sqlite3 shell) can still read and
                            // delete, but adding or editing a message or title there fails with "no such
                            // function". Same rowids as the trigram index. detail = none: a term is one token,
                            // so where it occurs in a message does not matter, only whether it does.
                            """
                            CREATE VIRTUAL TABLE message_short_search USING fts5 (
                                tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')""",
                            """
                            CREATE TRIGGER message_short_search_insert AFTER INSERT ON messages BEGIN
                                INSERT INTO message_short_search (rowid, tokens)
                                    VALUES ((new.conversation_id << 32) | new.id, short_terms(new.text));
                            END""",
                            """
                            CREATE TRIGGER message_short_search_delete AFTER DELETE ON messages BEGIN
                                DELETE FROM message_short_search WHERE rowid = (old.conversation_id << 32) | old.id;
                            END""",
                            """
                            CREATE TRIGGER message_short_search_update AFTER UPDATE OF text ON messages BEGIN
                                DELETE FROM message_short_search WHERE rowid = (old.conversation_id << 32) | old.id;
                                INSERT INTO message_short_search (rowid, tokens)
                                    VALUES ((new.conversation_id << 32) | new.id, short_terms(new.text));
                            END""",
                            """
                            CREATE VIRTUAL TABLE title_short_search USING fts5 (
                                tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii')""",
                            """
                            CREATE TRIGGER title_short_search_insert AFTER INSERT ON conversations BEGIN
                                INSERT INTO title_short_search (rowid, tokens) VALUES (new.id, short_terms(new.title));
                            END""",
                            """
                            CREATE TRIGGER title_short_search_delete AFTER DELETE ON conversations BEGIN
                                DELETE FROM title_short_search WHERE rowid = old.id;
                            END""",
                            """
                            CREATE TRIGGER title_short_search_update AFTER UPDATE OF title ON conversations BEGIN
                                DELETE FROM title_short_search WHERE rowid = old.id;
                                INSERT INTO title_short_search (rowid, tokens) VALUES (new.id, short_terms(new.title));
                            END""",
                            // Index what version 3 saved.
                            """
                            INSERT INTO message_short_search (rowid, tokens)
                                SELECT (conversation_id << 32) | id, short_terms(text) FROM messages""",
                            """
                            INSERT INTO title_short_search (rowid, tokens)
                                SELECT id, short_terms(title) FROM conversations""")));

    /** The version this build writes and understands. */
    static final int VERSION = MIGRATIONS.getLast().version();

    private Schema() {}

    static {
        for (int i = 0; i < MIGRATIONS.size(); i++) {
            if (MIGRATIONS.get(i).version() != i + 1) {
                throw new ExceptionInInitializerError("migrations must be numbered 1, 2, … without gaps");
            }
        }
    }

    /** The steps that take a database of {@code from} to {@link #VERSION}. */
    static List<Migration> after(int from) {
        return MIGRATIONS.subList(Math.min(from, VERSION), VERSION);
    }
}
