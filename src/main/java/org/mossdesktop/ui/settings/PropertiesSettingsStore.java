// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings in a properties file, written whole to a temporary file and moved into place, so a crash never
 * leaves half a file. A stand-in until the store's typed settings are wired.
 */
public final class PropertiesSettingsStore implements SettingsStore {

    private final Path file;
    private final Properties values = new Properties();

    public PropertiesSettingsStore(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read settings " + file, e);
            }
        }
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        values.setProperty(key, value);
        save();
    }

    @Override
    public synchronized void remove(String key) {
        if (values.remove(key) != null) {
            save();
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                values.store(out, "MOSS Desktop settings");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save settings " + file, e);
        }
    }
}
