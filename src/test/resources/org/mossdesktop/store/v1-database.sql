-- A database as MOSS Desktop's store version 1 made it: the schema of migration 1, written out here by hand
-- so that later edits to the migration cannot silently change what this test upgrades.
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

INSERT INTO conversations (id, title, created_at, updated_at, pinned, settings, deleted_at) VALUES
    (1, '数学作业', 1764316800000, 1764316860000, 1,
        '{"temperature":0.7,"topP":0.8,"topK":40,"repetitionPenalty":1.02,"maxNewTokens":512,"greedy":false,"seed":null}',
        NULL),
    (2, 'Trip to Hangzhou', 1764320400000, 1764320460000, 0, NULL, NULL),
    (3, 'deleted before the upgrade', 1764320000000, 1764320000000, 0, NULL, 1764320100000);
INSERT INTO messages (id, conversation_id, role, text, inner_thoughts, commands, results, created_at,
        model_name, settings, finish_reason, prompt_tokens, generated_tokens, ttft_ms, decode_ms) VALUES
    (1, 1, 'user', '一元二次方程 x^2-5x+6=0 的解是什么？', '', '', '', 1764316800000,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (2, 1, 'moss', '方程的解是 x = 2 和 x = 3。', '用户想解方程，我需要调用求解器。', 'Solve("x^2-5x+6=0")',
        'Solve("x^2-5x+6=0") => x = 2' || char(10) || 'x = 3', 1764316860000,
        'moss-moon-003-sft-plugin',
        '{"temperature":0.7,"topP":0.8,"topK":40,"repetitionPenalty":1.02,"maxNewTokens":512,"greedy":false,"seed":7}',
        'EOM', 412, 17, 88, 530),
    (3, 2, 'user', 'What should I see in Hangzhou?', '', '', '', 1764320400000,
        NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (4, 2, 'moss', 'West Lake, Lingyin Temple and the Longjing tea fields.', '', '', '', 1764320460000,
        'moss-moon-003-sft', '{"temperature":0.7,"topP":0.8,"topK":40,"repetitionPenalty":1.02,"maxNewTokens":512,"greedy":true,"seed":null}',
        'MAX_TOKENS', 20, 512, 70, 9000),
    (5, 3, 'user', 'gone', '', '', '', 1764320000000, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO settings (key, value) VALUES
    ('ui.theme', '"dark"'),
    ('models.recent', '["/models/moss-moon-003-sft-plugin"]');
PRAGMA application_id = 1297044307;
PRAGMA user_version = 1;
