// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.mossdesktop.i18n.UserFacingException;

/**
 * API keys for the tools' services, in a file of their own (the app passes one in its data directory), so
 * they are never in the conversation database and never exported with it. Readable by the owner only where
 * the file system has POSIX permissions; written whole through a temporary file, so a crash never leaves
 * half a key.
 */
public final class ApiKeys {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public ApiKeys(Path file) {
        this.file = file;
    }

    public synchronized Optional<String> get(String service) {
        return Optional.ofNullable(load().getProperty(service)).filter(key -> !key.isBlank());
    }

    public synchronized void put(String service, String key) {
        Properties keys = load();
        keys.setProperty(service, key.strip());
        save(keys);
    }

    public synchronized void remove(String service) {
        Properties keys = load();
        if (keys.remove(service) != null) {
            save(keys);
        }
    }

    private Properties load() {
        Properties keys = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                keys.load(in);
            } catch (IOException e) {
                throw new UserFacingException(e, "plugins.keys.unreadable", file);
            }
        }
        return keys;
    }

    private void save(Properties keys) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringWriter text = new StringWriter();
            keys.store(text, "MOSS Desktop API keys: keep private");
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            createOwnerOnly(temporary);
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserFacingException(e, "plugins.keys.unwritable", file);
        } catch (UncheckedIOException e) {
            throw new UserFacingException(e.getCause(), "plugins.keys.unwritable", file);
        }
    }

    /** Created with owner-only permissions from the start: no moment where others could read it. */
    private static void createOwnerOnly(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            try {
                Files.createFile(path, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
        } else {
            Files.createFile(path);
            // Elsewhere (Windows) files in the user's profile are private to the user by default ACLs.
        }
    }
}
