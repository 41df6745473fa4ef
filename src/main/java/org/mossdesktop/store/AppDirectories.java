// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import dev.dirs.ProjectDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where MOSS Desktop keeps a user's data: the OS's per-user data directory (XDG on Linux, AppData on
 * Windows, Application Support on macOS), unless {@code -Dmoss.home} or {@code MOSS_DESKTOP_HOME} names
 * another (tests, portable installs).
 */
public record AppDirectories(Path data) {

    public static final String HOME_PROPERTY = "moss.home";
    public static final String HOME_ENV = "MOSS_DESKTOP_HOME";

    public AppDirectories {
        data = data.toAbsolutePath().normalize();
    }

    /** The directories for this process: the override if set, else the OS's. */
    public static AppDirectories resolve() {
        return resolve(System.getProperties().getProperty(HOME_PROPERTY), System.getenv());
    }

    static AppDirectories resolve(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return new AppDirectories(Path.of(property));
        }
        String fromEnv = env.get(HOME_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AppDirectories(Path.of(fromEnv));
        }
        return new AppDirectories(Path.of(ProjectDirectories.from("org", "MOSS Desktop", "MOSS Desktop").dataDir));
    }

    /** The conversation database. */
    public Path database() {
        return data.resolve("conversations.db");
    }

    /** Generated images and other files that belong to conversations. */
    public Path attachments() {
        return data.resolve("attachments");
    }

    /** Native libraries unpacked by DJL's tokenizers. */
    public Path nativeCache() {
        return data.resolve("cache");
    }

    /** Log files. */
    public Path logs() {
        return data.resolve("logs");
    }

    /** Creates the data directory if it is missing. */
    public AppDirectories create() {
        try {
            Files.createDirectories(data);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + data, e);
        }
    }
}
