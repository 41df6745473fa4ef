// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.nio.file.Path;
import java.util.Locale;
import org.mossdesktop.i18n.Messages;

/**
 * A damaged database that opening moved aside, untouched, before starting a fresh one. Its
 * {@code -wal}/{@code -shm} files moved with it under the same new name, so SQLite tools
 * ({@code sqlite3 FILE .recover}) still see everything it held.
 *
 * @param original where it was
 * @param movedTo where it is now
 * @param reason what was wrong, in SQLite's words (English, for logs and bug reports)
 */
public record SetAsideDatabase(Path original, Path movedTo, String reason) {

    /** What to tell the user, in {@code locale}. */
    public String message(Locale locale) {
        return Messages.get(locale, "store.setAside", movedTo.toString());
    }
}
