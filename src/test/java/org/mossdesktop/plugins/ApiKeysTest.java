// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void a_key_saved_is_read_back_by_a_new_store_on_the_same_file() {
        Path file = dir.resolve("secrets/api-keys.properties");
        new ApiKeys(file).put("brave", "BSA-1234 ");

        assertEquals(Optional.of("BSA-1234"), new ApiKeys(file).get("brave"));
    }

    @Test
    void a_missing_file_or_key_is_empty() {
        ApiKeys keys = new ApiKeys(dir.resolve("api-keys.properties"));

        assertEquals(Optional.empty(), keys.get("brave"));
    }

    @Test
    void a_removed_key_is_gone_and_others_stay() {
        ApiKeys keys = new ApiKeys(dir.resolve("api-keys.properties"));
        keys.put("brave", "one");
        keys.put("other", "two");

        keys.remove("brave");

        assertEquals(Optional.empty(), keys.get("brave"));
        assertEquals(Optional.of("two"), keys.get("other"));
    }

    @Test
    void the_file_is_readable_by_its_owner_only() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("api-keys.properties");

        new ApiKeys(file).put("brave", "secret");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void saving_leaves_no_temporary_file_behind() throws IOException {
        ApiKeys keys = new ApiKeys(dir.resolve("api-keys.properties"));
        keys.put("brave", "one");
        keys.put("brave", "two");

        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("api-keys.properties")), files.toList());
        }
    }
}
