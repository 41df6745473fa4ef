// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases made the way older (or foreign) programs made them: by plain SQL, not by today's store. */
final class DatabaseFixtures {

    private DatabaseFixtures() {}

    /** Runs a script from this package's test resources, statement by statement. */
    static void runScript(Path database, String resource) {
        String script;
        try (InputStream in = DatabaseFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        run(database, withoutComments.toString().split(";\\s*\n"));
    }

    static void run(Path database, String... statements) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
