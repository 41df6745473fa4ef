// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mossdesktop.i18n.UserFacingException;

/**
 * Where the bundled demo model is: under the dev checkout named by {@code -Dmoss.repo}, else beside the installed
 * application (the jar's folder or one of its parents holds {@code assets/models/moss-demo}). The one place the
 * CLI and the app look it up.
 */
public final class DemoModel {

    public static final String REPO_PROPERTY = "moss.repo";
    public static final Path RELATIVE_PATH = Path.of("assets", "models", "moss-demo");

    private DemoModel() {}

    /**
     * The demo model's directory.
     *
     * @throws UserFacingException listing where it looked, when it is in none of those places
     */
    public static Path locate() {
        List<Path> candidates = candidates(
                Optional.ofNullable(System.getProperty(REPO_PROPERTY)).map(Path::of), codeLocation());
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve(ModelManifest.FILE_NAME))) {
                return candidate;
            }
        }
        throw new UserFacingException(
                "engine.demo.notFound",
                String.join(", ", candidates.stream().map(Path::toString).toList()));
    }

    /** The places to look, best first: the dev checkout, then the install folder and its parents. */
    static List<Path> candidates(Optional<Path> repo, Optional<Path> code) {
        List<Path> candidates = new ArrayList<>();
        repo.ifPresent(r -> candidates.add(r.toAbsolutePath().normalize().resolve(RELATIVE_PATH)));
        if (code.isPresent()) {
            Path dir = code.get().toAbsolutePath().normalize();
            // A jpackage image keeps the jar in lib/app/: three levels up is the image's root.
            for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
                candidates.add(dir.resolve(RELATIVE_PATH));
            }
        }
        return candidates;
    }

    /** The folder of the jar (or classes directory) this class was loaded from. */
    private static Optional<Path> codeLocation() {
        try {
            var source = DemoModel.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Optional.ofNullable(Files.isRegularFile(location) ? location.getParent() : location);
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
