// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mossdesktop.i18n.UserFacingException;
import org.sqlite.SQLiteConfig;

/**
 * The database file as found on disk, looked at before the store writes anything to it: only through a
 * read-only connection, so a file we refuse or set aside is never modified.
 */
final class DatabaseFile {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> SIDECARS = List.of("-wal", "-shm", "-journal");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private DatabaseFile() {}

    /** What {@link #probe} found. */
    sealed interface Probe {}

    /** No file, or an empty one: start a new database. */
    record Fresh() implements Probe {}

    /** Ours, at a version this build can open (after migrating). */
    record Usable(int version) implements Probe {}

    /** Ours, made by a newer build. */
    record Newer(int version) implements Probe {}

    /** Not an SQLite file, not ours, or failing its integrity check. */
    record Damaged(String reason) implements Probe {}

    static Probe probe(Path database, boolean fullCheck) {
        try {
            if (!Files.exists(database) || Files.size(database) == 0) {
                return new Fresh();
            }
            try (InputStream in = Files.newInputStream(database)) {
                if (!Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER)) {
                    return new Damaged("not an SQLite database (the file header is wrong)");
                }
            }
        } catch (IOException e) {
            throw new UserFacingException(e, "store.cannotRead", database.toString());
        }
        try (Connection connection = openReadOnly(database);
                Statement statement = connection.createStatement()) {
            int applicationId = intPragma(statement, "application_id");
            int version = intPragma(statement, "user_version");
            // Reading the schema parses every table definition: catches a damaged first page cheaply.
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                rs.next();
                if (applicationId == 0 && version == 0 && rs.getInt(1) == 0) {
                    return new Fresh();
                }
            }
            if (applicationId != Schema.APPLICATION_ID) {
                return new Damaged("not a MOSS Desktop database (application_id " + applicationId + ")");
            }
            if (version > Schema.VERSION) {
                return new Newer(version);
            }
            if (fullCheck) {
                List<String> problems = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("PRAGMA integrity_check(20)")) {
                    while (rs.next()) {
                        problems.add(rs.getString(1));
                    }
                }
                if (!problems.equals(List.of("ok"))) {
                    return new Damaged("integrity check failed: " + String.join("; ", problems));
                }
            }
            return new Usable(version);
        } catch (SQLException e) {
            if (SqliteErrors.isDamage(e)) {
                return new Damaged(String.valueOf(e.getMessage()));
            }
            throw SqliteErrors.toUser(e, database);
        }
    }

    /**
     * Renames the database and its {@code -wal}/{@code -shm} files to
     * {@code NAME.corrupt-yyyyMMdd-HHmmss.db[-wal|-shm]} beside it, contents untouched.
     *
     * @return the new path of the database file
     */
    static Path setAside(Path database, Instant now) {
        String name = database.getFileName().toString();
        String stem = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        String base = stem + ".corrupt-" + STAMP.format(now);
        for (int attempt = 0; ; attempt++) {
            Path target = database.resolveSibling(base + (attempt == 0 ? "" : "-" + attempt) + ".db");
            if (Files.exists(target)) {
                continue;
            }
            try {
                for (String sidecar : SIDECARS) {
                    Path from = database.resolveSibling(name + sidecar);
                    if (Files.exists(from)) {
                        Files.move(from, target.resolveSibling(target.getFileName() + sidecar));
                    }
                }
                Files.move(database, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException e) {
                // Another file took the name since we looked: try the next.
            } catch (IOException e) {
                throw new UserFacingException(e, "store.cannotSetAside", database.toString());
            }
        }
    }

    static Connection openReadOnly(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        return config.createConnection(url(database));
    }

    static Connection openForWriting(Path database, StoreOptions.Durability durability) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                durability == StoreOptions.Durability.FULL
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        Connection connection = config.createConnection(url(database));
        try {
            ShortTerms.register(connection); // the short-term index's triggers call it
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A second connection for reads, so a search never waits behind a save (WAL lets them overlap). */
    static Connection openForReading(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        Connection connection = config.createConnection(url(database));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = 1");
        }
        return connection;
    }

    private static String url(Path database) {
        return "jdbc:sqlite:" + database.toAbsolutePath();
    }

    private static int intPragma(Statement statement, String pragma) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA " + pragma)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
