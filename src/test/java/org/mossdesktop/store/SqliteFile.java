// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Looks into a database file the way a second process would: a read-only connection of its own. */
final class SqliteFile {

    private SqliteFile() {}

    /** The first column of every row. */
    static List<String> column(Path database, String sql) {
        try (Connection connection = DatabaseFile.openReadOnly(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String single(Path database, String sql) {
        List<String> values = column(database, sql);
        if (values.size() != 1) {
            throw new IllegalStateException(sql + " gave " + values);
        }
        return values.getFirst();
    }
}
