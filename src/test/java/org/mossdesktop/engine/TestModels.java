// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The models engine tests run on: the bundled demo model, copies of it to damage, and re-splits of it. */
final class TestModels {

    private TestModels() {}

    static Path repo() {
        return Path.of(System.getProperty("moss.repo", ".")).toAbsolutePath().normalize();
    }

    /** The bundled demo model; the test is skipped where the checkout has none. */
    static Path demo() {
        Path demo = repo().resolve(DemoModel.RELATIVE_PATH);
        assumeTrue(Files.isRegularFile(demo.resolve(ModelManifest.FILE_NAME)), "no demo model at " + demo);
        return demo;
    }

    static ModelDirectory demoDirectory() {
        return ModelDirectory.open(demo());
    }

    /** Loads the demo model on the CPU with two threads (the CI machine's cores). */
    static LoadedModel loadDemo(PipelineOptions options) {
        return LoadedModel.loadOnCpu(demoDirectory(), options.withIntraOpThreads(2), Optional.empty());
    }

    /** The demo model's weights exported in {@code stages} stages; skipped where they cannot be had. */
    static Path demoInStages(int stages) {
        if (demoDirectory().manifest().stages().size() == stages) {
            return demo();
        }
        Path dir = repo().resolve("target/test-models/moss-demo-" + stages + "-stages");
        assumeTrue(
                Files.isRegularFile(dir.resolve(ModelManifest.FILE_NAME)), "no " + stages + "-stage export at " + dir);
        return dir;
    }

    /** A copy of {@code model} in {@code target}, to damage without touching the original. */
    static Path copy(Path model, Path target) {
        try (Stream<Path> files = Files.list(model)) {
            Files.createDirectories(target);
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
