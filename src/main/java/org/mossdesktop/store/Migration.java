// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.util.List;

/**
 * One step of the schema: what turns a database of {@code version - 1} into {@code version}. Steps run in
 * order, each in one transaction together with the new {@code PRAGMA user_version}, so a crash mid-upgrade
 * leaves the previous version intact.
 *
 * @param statements SQL statements, run in order; no transaction statements
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, was " + version);
        }
        statements = List.copyOf(statements);
    }
}
