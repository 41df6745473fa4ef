// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.mossdesktop.i18n.UserFacingException;
import org.sqlite.SQLiteException;

/** SQLite's result codes, turned into what a user can act on. */
final class SqliteErrors {

    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int NOTADB = 26;

    private SqliteErrors() {}

    /** The primary result code (extended codes such as SQLITE_CORRUPT_VTAB carry it in the low byte). */
    static int primaryCode(SQLException e) {
        int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode();
        return code & 0xff;
    }

    /** Whether the file itself is damaged (as opposed to busy, full or unreadable). */
    static boolean isDamage(SQLException e) {
        int code = primaryCode(e);
        return code == CORRUPT || code == NOTADB;
    }

    static UserFacingException toUser(SQLException e, Path database) {
        String file = database.toString();
        return switch (primaryCode(e)) {
            case FULL -> new UserFacingException(e, "store.diskFull", file);
            case READONLY, CANTOPEN -> new UserFacingException(e, "store.cannotWrite", file);
            case BUSY, LOCKED -> new UserFacingException(e, "store.busy", file);
            case CORRUPT, NOTADB -> new UserFacingException(e, "store.damaged", file);
            case IOERR -> new UserFacingException(e, "store.ioError", file, String.valueOf(e.getMessage()));
            default -> new UserFacingException(e, "store.failed", file, String.valueOf(e.getMessage()));
        };
    }
}
