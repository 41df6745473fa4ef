-- A database as MOSS Desktop's store version 3 made it: the statements of migrations 1 to 3, written out here
-- by hand so that later edits to the migrations cannot silently change what this test upgrades
-- (MigrationTest checks that this schema is the one those migrations make). The rows go in with the triggers
-- in place, so the search index holds them as version 3 indexed them.
PRAGMA journal_mode = WAL;
CREATE TABLE conversations (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    settings   TEXT    CHECK (settings IS NULL OR json_valid(settings)),
    deleted_at INTEGER
);
CREATE INDEX conversations_in_list_order
    ON conversations (pinned DESC, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
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
);
CREATE INDEX messages_in_order ON messages (conversation_id, id);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    content    BLOB    NOT NULL
);
CREATE INDEX attachments_by_message ON attachments (message_id, id);
CREATE VIRTUAL TABLE message_search USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO message_search (rowid, text)
        VALUES ((new.conversation_id << 32) | new.id, new.text);
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
    DELETE FROM message_search WHERE rowid = (old.conversation_id << 32) | old.id;
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF text ON messages BEGIN
    DELETE FROM message_search WHERE rowid = (old.conversation_id << 32) | old.id;
    INSERT INTO message_search (rowid, text)
        VALUES ((new.conversation_id << 32) | new.id, new.text);
END;
CREATE VIRTUAL TABLE title_search USING fts5 (
    title, content = 'conversations', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER title_search_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO title_search (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER title_search_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO title_search (title_search, rowid, title)
        VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER title_search_update AFTER UPDATE OF title ON conversations BEGIN
    INSERT INTO title_search (title_search, rowid, title)
        VALUES ('delete', old.id, old.title);
    INSERT INTO title_search (rowid, title) VALUES (new.id, new.title);
END;
ALTER TABLE messages ADD COLUMN citations TEXT
    CHECK (citations IS NULL OR json_valid(citations));

INSERT INTO conversations (id, title, created_at, updated_at, pinned, settings, deleted_at) VALUES
    (1, '北京天气', 1764403200000, 1764403260000, 0, NULL, NULL),
    (2, 'AI news', 1764406800000, 1764406860000, 0, NULL, NULL);
INSERT INTO messages (id, conversation_id, role, text, inner_thoughts, commands, results, created_at,
        model_name, settings, finish_reason, prompt_tokens, generated_tokens, ttft_ms, decode_ms, citations) VALUES
    (1, 1, 'user', '我下周去北京出差，要带厚外套吗？', '', '', '', 1764403200000,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (2, 1, 'moss', '要带<sup><|1|></sup>：下周北京最低气温零下五度，有大风。', '用户想知道天气，我需要搜索。',
        'Search("北京 下周 天气")', 'Search("北京 下周 天气") =>' || char(10) || '<|1|>: ''下周北京降温，有大风。''',
        1764403260000, 'moss-moon-003-sft-plugin',
        '{"temperature":0.7,"topP":0.8,"topK":40,"repetitionPenalty":1.02,"maxNewTokens":512,"greedy":false,"seed":null}',
        'EOM', 650, 24, 95, 900,
        '[{"number":1,"title":"北京天气预报","url":"https://weather.example.com/beijing","text":"下周北京降温，有大风。"}]'),
    (3, 2, 'user', 'What did the AI lab announce?', '', '', '', 1764406800000,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (4, 2, 'moss', 'It said a new model is coming next month.', '', '', '', 1764406860000,
        'moss-moon-003-sft',
        '{"temperature":0.7,"topP":0.8,"topK":40,"repetitionPenalty":1.02,"maxNewTokens":512,"greedy":false,"seed":null}',
        'EOM', 300, 11, 80, 250, NULL);
INSERT INTO settings (key, value) VALUES
    ('ui.theme', '"dark"');
PRAGMA application_id = 1297044307;
PRAGMA user_version = 3;
