// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.ConversationRepository;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.SearchHit;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations and settings of one user, in one SQLite file (WAL mode, foreign keys on, a synced
 * commit per save: see {@link StoreOptions.Durability}).
 *
 * <p>Opening checks the file read-only first: a database made by a newer MOSS Desktop is refused untouched;
 * a damaged one is set aside untouched ({@link #setAside()}) and a fresh one started; an older one is
 * backed up and migrated. Writes go through one connection, one at a time; reads through a second, so a
 * search never waits behind a save.
 */
public final class ConversationStore implements ConversationRepository, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private static final String CONVERSATION_COLUMNS = "id, title, created_at, updated_at, pinned, settings";
    private static final String MESSAGE_COLUMNS = "id, conversation_id, role, text, inner_thoughts, commands,"
            + " results, created_at, model_name, settings, finish_reason, prompt_tokens, generated_tokens,"
            + " ttft_ms, decode_ms, citations";
    private static final String IN_LIST_ORDER = " ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC";

    private final Path database;
    private final Path sessionMarker;
    private final StoreOptions options;
    private final Optional<SetAsideDatabase> setAside;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReplyDrafts drafts;
    private final Settings settings;

    private volatile boolean closed;
    // A damaged page met while running: keep the session marker, so the next open runs the full check.
    private volatile boolean damageSeen;
    private volatile Consumer<Message> replySaved = reply -> {};

    private ConversationStore(
            Path database,
            Path sessionMarker,
            StoreOptions options,
            Optional<SetAsideDatabase> setAside,
            Connection writer,
            Connection reader) {
        this.database = database;
        this.sessionMarker = sessionMarker;
        this.options = options;
        this.setAside = setAside;
        this.writer = writer;
        this.reader = reader;
        this.drafts = new ReplyDrafts(options.replySaveInterval(), this::saveDraft);
        this.settings = new Settings(this);
    }

    /** The store at {@link AppDirectories#database()}, with the default options. */
    public static ConversationStore open(AppDirectories directories) {
        return open(directories.create().database(), StoreOptions.DEFAULTS);
    }

    /**
     * Opens or creates the database at {@code database}.
     *
     * @throws UserFacingException {@code store.newerVersion} when a newer MOSS Desktop made the file (it is
     *     left as it was), or another key when the file cannot be read or written
     */
    public static ConversationStore open(Path database, StoreOptions options) {
        database = database.toAbsolutePath().normalize();
        try {
            Files.createDirectories(database.getParent());
        } catch (IOException e) {
            throw new UserFacingException(
                    e, "store.cannotWrite", database.getParent().toString());
        }
        Path marker = database.resolveSibling(database.getFileName() + "-session");
        boolean unclean = Files.exists(marker);
        boolean fullCheck = unclean || options.integrityCheck() == StoreOptions.IntegrityCheck.ALWAYS;
        Optional<SetAsideDatabase> setAside = Optional.empty();
        int version = 0;
        switch (DatabaseFile.probe(database, fullCheck)) {
            case DatabaseFile.Newer newer ->
                throw new UserFacingException(
                        "store.newerVersion", database.toString(), newer.version(), Schema.VERSION);
            case DatabaseFile.Damaged damaged -> {
                Path movedTo = DatabaseFile.setAside(database, options.clock().instant());
                LOG.error("Set the damaged database aside as {}: {}", movedTo, damaged.reason());
                setAside = Optional.of(new SetAsideDatabase(database, movedTo, damaged.reason()));
            }
            case DatabaseFile.Usable usable -> version = usable.version();
            case DatabaseFile.Fresh fresh -> {}
        }
        if (unclean && setAside.isEmpty()) {
            LOG.info("The last session did not close {}; its integrity check passed", database);
        }
        try {
            Files.writeString(marker, "pid " + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UserFacingException(e, "store.cannotWrite", marker.toString());
        }
        Connection writer = null;
        try {
            writer = DatabaseFile.openForWriting(database, options.durability());
            if (version >= 1 && version < Schema.VERSION) {
                backUp(writer, database, version, options.clock().instant());
            }
            migrate(writer);
            try (Statement statement = writer.createStatement()) {
                statement.execute("DELETE FROM conversations WHERE deleted_at IS NOT NULL");
            }
            Connection reader = DatabaseFile.openForReading(database);
            return new ConversationStore(database, marker, options, setAside, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw SqliteErrors.toUser(e, database);
        }
    }

    /** Copies a database about to be migrated, so an upgrade can always be undone by hand. */
    private static void backUp(Connection connection, Path database, int version, Instant now) throws SQLException {
        String name = database.getFileName().toString().replaceFirst("\\.db$", "");
        Path backup = database.resolveSibling(name + ".v" + version + "-backup-" + STAMP.format(now) + ".db");
        try (PreparedStatement statement = connection.prepareStatement("VACUUM INTO ?")) {
            statement.setString(1, backup.toString());
            statement.execute();
        }
        LOG.info("Backed up {} (version {}) to {} before upgrading it", database, version, backup);
    }

    /** Runs the missing steps, each in its own transaction together with the new version number. */
    static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            while (true) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    int version;
                    try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                        rs.next();
                        version = rs.getInt(1);
                    }
                    if (version >= Schema.VERSION) {
                        statement.execute("COMMIT");
                        return;
                    }
                    Migration step = Schema.MIGRATIONS.get(version);
                    for (String sql : step.statements()) {
                        statement.execute(sql);
                    }
                    statement.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
                    statement.execute("PRAGMA user_version = " + step.version());
                    statement.execute("COMMIT");
                    LOG.info("Migrated the store to version {}: {}", step.version(), step.description());
                } catch (SQLException | RuntimeException e) {
                    statement.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }

    /** Where the damaged database went, when opening had to set one aside. */
    public Optional<SetAsideDatabase> setAside() {
        return setAside;
    }

    public Path database() {
        return database;
    }

    public Settings settings() {
        return settings;
    }

    // ---- conversations

    @Override
    public Conversation create(String title, Optional<GenerationSettings> conversationSettings) {
        long now = now();
        return write(c -> {
            long id;
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO conversations (title, created_at, updated_at, pinned, settings)"
                            + " VALUES (?, ?, ?, 0, ?) RETURNING id")) {
                insert.setString(1, title);
                insert.setLong(2, now);
                insert.setLong(3, now);
                setSettings(insert, 4, conversationSettings);
                id = single(insert);
            }
            return conversation(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<Conversation> find(long conversationId) {
        return read(c -> conversation(c, conversationId));
    }

    @Override
    public List<Conversation> list() {
        return read(c -> {
            List<Conversation> conversations = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                    + " FROM conversations c WHERE deleted_at IS NULL" + IN_LIST_ORDER)) {
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        conversations.add(conversation(rs));
                    }
                }
            }
            return conversations;
        });
    }

    @Override
    public void rename(long conversationId, String title) {
        if (title == null) {
            throw new IllegalArgumentException("title must not be null");
        }
        updateConversation(conversationId, "title = ?", statement -> statement.setString(1, title));
    }

    @Override
    public void setPinned(long conversationId, boolean pinned) {
        updateConversation(conversationId, "pinned = ?", statement -> statement.setInt(1, pinned ? 1 : 0));
    }

    @Override
    public void setSettings(long conversationId, Optional<GenerationSettings> conversationSettings) {
        updateConversation(
                conversationId, "settings = ?", statement -> setSettings(statement, 1, conversationSettings));
    }

    @Override
    public void delete(long conversationId) {
        long now = now();
        updateConversation(conversationId, "deleted_at = ?", statement -> statement.setLong(1, now));
    }

    @Override
    public void undoDelete(long conversationId) {
        write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL")) {
                update.setLong(1, conversationId);
                if (update.executeUpdate() == 0) {
                    throw noSuchConversation(conversationId);
                }
            }
            return null;
        });
    }

    private void updateConversation(long conversationId, String assignment, Binder binder) {
        write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE conversations SET " + assignment + " WHERE id = ? AND deleted_at IS NULL")) {
                binder.bind(update);
                update.setLong(2, conversationId);
                if (update.executeUpdate() == 0) {
                    throw noSuchConversation(conversationId);
                }
            }
            return null;
        });
    }

    // ---- messages

    @Override
    public List<Message> messages(long conversationId) {
        List<Message> saved = read(c -> {
            requireConversation(c, conversationId);
            return messages(c, conversationId);
        });
        // A streaming reply shows as far as it has grown, saved or not.
        return saved.stream()
                .map(message -> drafts.pending(message.id())
                        .map(draft -> withSavedIdentity(draft, message))
                        .orElse(message))
                .toList();
    }

    @Override
    public Message append(Message message) {
        if (message.id() != 0) {
            throw new IllegalArgumentException("message " + message.id() + " is already saved");
        }
        long now = now();
        return write(c -> {
            requireConversation(c, message.conversationId());
            long id = insertMessage(c, message, message.conversationId());
            touch(c, message.conversationId(), now);
            return message(c, id).orElseThrow();
        });
    }

    @Override
    public void updateReply(Message reply) {
        requireSaved(reply);
        ensureOpen();
        drafts.offer(reply);
    }

    @Override
    public Message finishReply(Message reply) {
        requireSaved(reply);
        ensureOpen();
        return drafts.finish(reply, finished -> {
            long now = now();
            return write(c -> {
                if (updateMessage(c, finished) == 0) {
                    throw new UserFacingException("store.noSuchMessage", String.valueOf(finished.id()));
                }
                touch(c, finished.conversationId(), now);
                return message(c, finished.id()).orElseThrow();
            });
        });
    }

    /** Called on the drafts' writer thread; a reply deleted meanwhile is simply not there to update. */
    private void saveDraft(Message draft) {
        long now = now();
        boolean saved = write(c -> {
            if (updateMessage(c, draft) == 0) {
                return false;
            }
            touch(c, draft.conversationId(), now);
            return true;
        });
        if (saved) {
            replySaved.accept(draft);
        }
    }

    /** Lets a test (the crash test's child process) see each draft as it is committed. */
    void onReplySaved(Consumer<Message> listener) {
        replySaved = listener;
    }

    @Override
    public Message replaceFrom(long messageId, Message replacement) {
        if (replacement.id() != 0) {
            throw new IllegalArgumentException("the replacement must be a new message");
        }
        long now = now();
        Message saved = write(c -> {
            long conversationId = removeFrom(c, messageId);
            if (replacement.conversationId() != conversationId) {
                throw new IllegalArgumentException("the replacement belongs to conversation "
                        + replacement.conversationId() + ", not " + conversationId);
            }
            long id = insertMessage(c, replacement, conversationId);
            touch(c, conversationId, now);
            return message(c, id).orElseThrow();
        });
        drafts.discardIf(draft -> draft.conversationId() == saved.conversationId() && draft.id() >= messageId);
        return saved;
    }

    @Override
    public void deleteFrom(long messageId) {
        long conversationId = write(c -> removeFrom(c, messageId));
        drafts.discardIf(draft -> draft.conversationId() == conversationId && draft.id() >= messageId);
    }

    private static long removeFrom(Connection c, long messageId) throws SQLException {
        long conversationId;
        try (PreparedStatement select = c.prepareStatement("SELECT m.conversation_id FROM messages m"
                + " JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ? AND c.deleted_at IS NULL")) {
            select.setLong(1, messageId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new UserFacingException("store.noSuchMessage", String.valueOf(messageId));
                }
                conversationId = rs.getLong(1);
            }
        }
        try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM messages WHERE conversation_id = ? AND id >= ?")) {
            delete.setLong(1, conversationId);
            delete.setLong(2, messageId);
            delete.executeUpdate();
        }
        return conversationId;
    }

    // ---- attachments

    @Override
    public Attachment attach(long messageId, String name, String mediaType, byte[] content) {
        Attachment unsaved = new Attachment(0, name, mediaType, content.length);
        return write(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO attachments"
                    + " (message_id, name, media_type, content) SELECT ?, ?, ?, ? FROM messages m"
                    + " JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ? AND c.deleted_at IS NULL"
                    + " RETURNING id")) {
                insert.setLong(1, messageId);
                insert.setString(2, unsaved.name());
                insert.setString(3, unsaved.mediaType());
                insert.setBytes(4, content);
                insert.setLong(5, messageId);
                try (ResultSet rs = insert.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserFacingException("store.noSuchMessage", String.valueOf(messageId));
                    }
                    return new Attachment(rs.getLong(1), name, mediaType, content.length);
                }
            }
        });
    }

    @Override
    public byte[] attachmentContent(long attachmentId) {
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT content FROM attachments WHERE id = ?")) {
                select.setLong(1, attachmentId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new UserFacingException("store.noSuchAttachment", String.valueOf(attachmentId));
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    // ---- search

    @Override
    public List<SearchHit> search(String query, int limit) {
        SearchQuery search = SearchQuery.parse(query);
        if (search.isEmpty() || limit <= 0) {
            return List.of();
        }
        return read(c -> {
            // Conversation id → [pinned, updated_at, hit]; titles first, so a title match wins.
            Map<Long, Ranked> hits = new LinkedHashMap<>();
            for (Ranked ranked : titleHits(c, search, limit)) {
                hits.putIfAbsent(ranked.hit().conversationId(), ranked);
            }
            for (Ranked ranked : messageHits(c, search, limit)) {
                hits.putIfAbsent(ranked.hit().conversationId(), ranked);
            }
            return hits.values().stream()
                    .sorted(Comparator.comparing(Ranked::pinned)
                            .thenComparingLong(Ranked::updatedAt)
                            .thenComparingLong(ranked -> ranked.hit().conversationId())
                            .reversed())
                    .limit(limit)
                    .map(Ranked::hit)
                    .toList();
        });
    }

    private record Ranked(boolean pinned, long updatedAt, SearchHit hit) {}

    private static List<Ranked> titleHits(Connection c, SearchQuery search, int limit) throws SQLException {
        // Titles are few: walk them in list order, each index narrowing which ones qualify.
        StringBuilder sql = new StringBuilder(
                "SELECT c.id, c.title, c.pinned, c.updated_at FROM conversations c WHERE c.deleted_at IS NULL");
        List<Object> arguments = new ArrayList<>();
        if (!search.trigramTerms().isEmpty()) {
            sql.append(" AND c.id IN (SELECT rowid FROM title_search WHERE title_search MATCH ?)");
            arguments.add(search.trigramMatch());
        }
        if (!search.shortTerms().isEmpty()) {
            sql.append(" AND c.id IN (SELECT rowid FROM title_short_search WHERE title_short_search MATCH ?)");
            arguments.add(search.shortMatch());
        }
        for (String term : search.scannedTerms()) {
            sql.append(" AND c.title LIKE ? ESCAPE '\\'");
            arguments.add(SearchQuery.likePattern(term));
        }
        sql.append(IN_LIST_ORDER).append(" LIMIT ?");
        arguments.add(limit);
        List<Ranked> hits = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            bind(select, arguments);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    hits.add(new Ranked(
                            rs.getInt(3) == 1, rs.getLong(4), search.hit(rs.getLong(1), 0, rs.getString(2))));
                }
            }
        }
        return hits;
    }

    /** The latest matching message of each matching conversation. */
    private static List<Ranked> messageHits(Connection c, SearchQuery search, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> arguments = new ArrayList<>();
        StringBuilder scanned = new StringBuilder();
        for (String term : search.scannedTerms()) {
            scanned.append(" AND m.text LIKE ? ESCAPE '\\'");
        }
        boolean trigram = !search.trigramTerms().isEmpty();
        boolean shortTerms = !search.shortTerms().isEmpty();
        if (!trigram && !shortTerms) {
            // No term an index can serve: walk conversations in list order and stop at the limit.
            sql.append("SELECT c.id, (SELECT max(m.id) FROM messages m WHERE m.conversation_id = c.id")
                    .append(scanned)
                    .append(") AS message_id, c.pinned, c.updated_at FROM conversations c"
                            + " WHERE c.deleted_at IS NULL AND message_id IS NOT NULL");
            search.scannedTerms().forEach(term -> arguments.add(SearchQuery.likePattern(term)));
        } else {
            // Group an index's hits by the conversation it stores with them, then rank the groups. The
            // indexes' rowids carry the conversation in their high 32 bits (see Schema), the same in both.
            String index = trigram ? "message_search" : "message_short_search";
            sql.append("SELECT h.conversation_id, h.message_id, c.pinned, c.updated_at FROM"
                            + " (SELECT rowid >> 32 AS conversation_id, max(rowid) & 4294967295 AS message_id FROM ")
                    .append(index)
                    .append(" WHERE ")
                    .append(index)
                    .append(" MATCH ?");
            arguments.add(trigram ? search.trigramMatch() : search.shortMatch());
            if (trigram && shortTerms) {
                // "+" keeps SQLite from handing this list to the trigram index, which would run its MATCH
                // once per listed rowid (seconds at 50,000 messages, against milliseconds for one list).
                sql.append(
                        " AND +rowid IN (SELECT rowid FROM message_short_search WHERE message_short_search MATCH ?)");
                arguments.add(search.shortMatch());
            }
            if (!search.scannedTerms().isEmpty()) {
                sql.append(" AND EXISTS (SELECT 1 FROM messages m WHERE m.id = ")
                        .append(index)
                        .append(".rowid & 4294967295")
                        .append(scanned)
                        .append(")");
                search.scannedTerms().forEach(term -> arguments.add(SearchQuery.likePattern(term)));
            }
            sql.append(" GROUP BY rowid >> 32) h JOIN conversations c ON c.id = h.conversation_id"
                    + " WHERE c.deleted_at IS NULL");
        }
        sql.append(IN_LIST_ORDER).append(" LIMIT ?");
        arguments.add(limit);
        Map<Long, Ranked> byMessage = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            bind(select, arguments);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byMessage.put(
                            rs.getLong(2),
                            new Ranked(
                                    rs.getInt(3) == 1,
                                    rs.getLong(4),
                                    new SearchHit(rs.getLong(1), rs.getLong(2), "", List.of())));
                }
            }
        }
        if (byMessage.isEmpty()) {
            return List.of();
        }
        Map<Long, String> texts = new HashMap<>();
        String ids = String.join(
                ",", byMessage.keySet().stream().map(String::valueOf).toList());
        try (Statement select = c.createStatement();
                ResultSet rs = select.executeQuery("SELECT id, text FROM messages WHERE id IN (" + ids + ")")) {
            while (rs.next()) {
                texts.put(rs.getLong(1), rs.getString(2));
            }
        }
        return byMessage.entrySet().stream()
                .map(entry -> {
                    Ranked ranked = entry.getValue();
                    SearchHit hit =
                            search.hit(ranked.hit().conversationId(), entry.getKey(), texts.get(entry.getKey()));
                    return new Ranked(ranked.pinned(), ranked.updatedAt(), hit);
                })
                .toList();
    }

    // ---- transcripts

    @Override
    public Transcript transcript(long conversationId) {
        return read(c -> {
            Conversation conversation = requireConversation(c, conversationId);
            List<Message> messages = messages(c, conversationId);
            Map<Long, byte[]> content = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement("SELECT a.id, a.content FROM attachments a"
                    + " JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ?")) {
                select.setLong(1, conversationId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        content.put(rs.getLong(1), rs.getBytes(2));
                    }
                }
            }
            return new Transcript(conversation, messages, content);
        });
    }

    @Override
    public Conversation importTranscript(Transcript transcript) {
        Conversation source = transcript.conversation();
        return write(c -> {
            long id;
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO conversations (title, created_at, updated_at, pinned, settings)"
                            + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, source.title());
                insert.setLong(2, source.createdAt().toEpochMilli());
                insert.setLong(3, source.updatedAt().toEpochMilli());
                insert.setInt(4, source.pinned() ? 1 : 0);
                setSettings(insert, 5, source.settings());
                id = single(insert);
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO attachments (message_id, name, media_type, content) VALUES (?, ?, ?, ?)")) {
                for (Message message : transcript.messages()) {
                    long messageId = insertMessage(c, message, id);
                    for (Attachment attachment : message.attachments()) {
                        insert.setLong(1, messageId);
                        insert.setString(2, attachment.name());
                        insert.setString(3, attachment.mediaType());
                        insert.setBytes(4, transcript.content(attachment));
                        insert.executeUpdate();
                    }
                }
            }
            return conversation(c, id).orElseThrow();
        });
    }

    // ---- settings (through Settings)

    Optional<String> readSetting(String key) {
        return read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every saved setting's JSON value, by key. */
    Map<String, String> readSettings() {
        return read(c -> {
            Map<String, String> values = new LinkedHashMap<>();
            try (Statement select = c.createStatement();
                    ResultSet rs = select.executeQuery("SELECT key, value FROM settings ORDER BY key")) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
            }
            return values;
        });
    }

    void writeSetting(String key, Optional<String> json) {
        write(c -> {
            String sql = json.isPresent()
                    ? "INSERT INTO settings (key, value) VALUES (?, ?)"
                            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    : "DELETE FROM settings WHERE key = ?";
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, key);
                if (json.isPresent()) {
                    statement.setString(2, json.get());
                }
                statement.executeUpdate();
            }
            return null;
        });
    }

    // ---- closing

    /**
     * Saves the replies still streaming, makes this session's deletions final, and closes the file. The
     * store cannot be used afterwards.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        drafts.close();
        writeLock.lock();
        readLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (Statement statement = writer.createStatement()) {
                statement.execute("DELETE FROM conversations WHERE deleted_at IS NOT NULL");
            } catch (SQLException e) {
                noteDamage(e);
                LOG.warn("Could not purge deleted conversations from {}", database, e);
            }
            closeQuietly(reader);
            closeQuietly(writer);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
        if (!damageSeen) {
            try {
                Files.deleteIfExists(sessionMarker);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---- rows

    private static Optional<Conversation> conversation(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = ? AND deleted_at IS NULL")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(conversation(rs)) : Optional.empty();
            }
        }
    }

    private static Conversation requireConversation(Connection c, long id) throws SQLException {
        return conversation(c, id).orElseThrow(() -> noSuchConversation(id));
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        String settings = rs.getString(6);
        return new Conversation(
                rs.getLong(1),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                Instant.ofEpochMilli(rs.getLong(4)),
                rs.getInt(5) == 1,
                settings == null ? Optional.empty() : Optional.of(GenerationSettingsJson.read(settings)));
    }

    private static List<Message> messages(Connection c, long conversationId) throws SQLException {
        Map<Long, List<Attachment>> attachments = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT a.id, a.message_id, a.name, a.media_type, length(a.content) FROM attachments a"
                        + " JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ? ORDER BY a.id")) {
            select.setLong(1, conversationId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    attachments
                            .computeIfAbsent(rs.getLong(2), id -> new ArrayList<>())
                            .add(new Attachment(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
        }
        List<Message> messages = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? ORDER BY id")) {
            select.setLong(1, conversationId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Message message = message(rs);
                    messages.add(message.withAttachments(attachments.getOrDefault(message.id(), List.of())));
                }
            }
        }
        return messages;
    }

    private static Optional<Message> message(Connection c, long id) throws SQLException {
        Message message;
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                message = message(rs);
            }
        }
        List<Attachment> attachments = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, name, media_type, length(content) FROM attachments WHERE message_id = ? ORDER BY id")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    attachments.add(new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return Optional.of(message.withAttachments(attachments));
    }

    private static Message message(ResultSet rs) throws SQLException {
        Optional<ReplyInfo> reply = Optional.empty();
        String modelName = rs.getString(9);
        if (modelName != null) {
            reply = Optional.of(new ReplyInfo(
                    modelName,
                    GenerationSettingsJson.read(rs.getString(10)),
                    FinishReason.valueOf(rs.getString(11)),
                    rs.getInt(12),
                    rs.getInt(13),
                    rs.getLong(14),
                    rs.getLong(15)));
        }
        return new Message(
                rs.getLong(1),
                rs.getLong(2),
                "moss".equals(rs.getString(3)) ? Role.MOSS : Role.USER,
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                reply,
                Instant.ofEpochMilli(rs.getLong(8)),
                List.of(),
                CitationsJson.read(rs.getString(16)));
    }

    private static long insertMessage(Connection c, Message message, long conversationId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO messages (conversation_id, role, text,"
                + " inner_thoughts, commands, results, created_at, model_name, settings, finish_reason,"
                + " prompt_tokens, generated_tokens, ttft_ms, decode_ms, citations)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            insert.setLong(1, conversationId);
            insert.setString(2, message.role() == Role.MOSS ? "moss" : "user");
            insert.setString(3, message.text());
            insert.setString(4, message.innerThoughts());
            insert.setString(5, message.commands());
            insert.setString(6, message.results());
            insert.setLong(7, message.createdAt().toEpochMilli());
            bindReply(insert, 8, message.reply());
            bindCitations(insert, 15, message);
            return single(insert);
        }
    }

    /** Writes what changes while a reply streams and when it ends; the row count is 0 if it is gone. */
    private static int updateMessage(Connection c, Message message) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE messages SET text = ?, inner_thoughts = ?,"
                + " commands = ?, results = ?, model_name = ?, settings = ?, finish_reason = ?, prompt_tokens = ?,"
                + " generated_tokens = ?, ttft_ms = ?, decode_ms = ?, citations = ?"
                + " WHERE id = ? AND conversation_id = ?")) {
            update.setString(1, message.text());
            update.setString(2, message.innerThoughts());
            update.setString(3, message.commands());
            update.setString(4, message.results());
            bindReply(update, 5, message.reply());
            bindCitations(update, 12, message);
            update.setLong(13, message.id());
            update.setLong(14, message.conversationId());
            return update.executeUpdate();
        }
    }

    private static void bindReply(PreparedStatement statement, int first, Optional<ReplyInfo> reply)
            throws SQLException {
        if (reply.isEmpty()) {
            for (int i = 0; i < 7; i++) {
                statement.setNull(first + i, Types.NULL);
            }
            return;
        }
        ReplyInfo info = reply.get();
        statement.setString(first, info.modelName());
        statement.setString(first + 1, GenerationSettingsJson.write(info.settings()));
        statement.setString(first + 2, info.finishReason().name());
        statement.setInt(first + 3, info.promptTokens());
        statement.setInt(first + 4, info.generatedTokens());
        statement.setLong(first + 5, info.timeToFirstTokenMillis());
        statement.setLong(first + 6, info.decodeMillis());
    }

    private static void bindCitations(PreparedStatement statement, int index, Message message) throws SQLException {
        Optional<String> json = CitationsJson.write(message.citations());
        if (json.isPresent()) {
            statement.setString(index, json.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void touch(Connection c, long conversationId, long now) throws SQLException {
        try (PreparedStatement update =
                c.prepareStatement("UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?")) {
            update.setLong(1, now);
            update.setLong(2, conversationId);
            update.executeUpdate();
        }
    }

    private static void setSettings(PreparedStatement statement, int index, Optional<GenerationSettings> settings)
            throws SQLException {
        if (settings.isPresent()) {
            statement.setString(index, GenerationSettingsJson.write(settings.get()));
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> arguments) throws SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
    }

    private static Message withSavedIdentity(Message draft, Message saved) {
        return new Message(
                saved.id(),
                saved.conversationId(),
                saved.role(),
                draft.text(),
                draft.innerThoughts(),
                draft.commands(),
                draft.results(),
                draft.reply(),
                saved.createdAt(),
                saved.attachments(),
                draft.citations());
    }

    private static void requireSaved(Message reply) {
        if (reply.id() == 0) {
            throw new IllegalArgumentException("append the reply before updating it");
        }
    }

    private static UserFacingException noSuchConversation(long id) {
        return new UserFacingException("store.noSuchConversation", String.valueOf(id));
    }

    // ---- transactions

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private long now() {
        return options.clock().millis();
    }

    private <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            return transaction(writer, "BEGIN IMMEDIATE", work);
        } finally {
            writeLock.unlock();
        }
    }

    /** Reads in one transaction, so several queries see the same moment. */
    private <T> T read(Work<T> work) {
        readLock.lock();
        try {
            ensureOpen();
            return transaction(reader, "BEGIN", work);
        } finally {
            readLock.unlock();
        }
    }

    private <T> T transaction(Connection connection, String begin, Work<T> work) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(begin);
            try {
                T result = work.run(connection);
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            noteDamage(e);
            throw SqliteErrors.toUser(e, database);
        }
    }

    private void noteDamage(SQLException e) {
        if (SqliteErrors.isDamage(e)) {
            damageSeen = true;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store " + database + " is closed");
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Could not close a connection", e);
        }
    }
}
