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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        run(database, statements(withoutComments.toString()));
    }

    /** The script's statements: split at each {@code ;} that ends a line, but a trigger's body kept whole. */
    private static String[] statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder trigger = null;
        for (String part : script.split(";\\s*\n")) {
            if (trigger == null && part.strip().toUpperCase(Locale.ROOT).startsWith("CREATE TRIGGER")) {
                trigger = new StringBuilder();
            }
            if (trigger == null) {
                statements.add(part);
                continue;
            }
            trigger.append(part).append(";\n");
            if (part.strip().toUpperCase(Locale.ROOT).endsWith("END")) {
                statements.add(trigger.toString());
                trigger = null;
            }
        }
        return statements.toArray(String[]::new);
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
