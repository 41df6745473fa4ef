// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    @Test
    void the_system_property_wins_over_the_environment() {
        AppDirectories dirs = AppDirectories.resolve("/tmp/a", Map.of(AppDirectories.HOME_ENV, "/tmp/b"));
        assertEquals(Path.of("/tmp/a"), dirs.data());
    }

    @Test
    void the_environment_variable_names_a_portable_data_directory() {
        AppDirectories dirs = AppDirectories.resolve(null, Map.of(AppDirectories.HOME_ENV, "/tmp/b"));
        assertEquals(Path.of("/tmp/b/conversations.db"), dirs.database());
    }

    @Test
    void without_an_override_the_os_data_directory_is_used() {
        AppDirectories dirs = AppDirectories.resolve(null, Map.of());
        assertTrue(dirs.data().isAbsolute());
        assertTrue(
                dirs.data().toString().toLowerCase().contains("moss"),
                dirs.data().toString());
    }
}
