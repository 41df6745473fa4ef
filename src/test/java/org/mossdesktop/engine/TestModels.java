// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The models engine tests run on: the bundled demo model, copies of it to damage, and re-exports of it. */
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

    /** The demo model's weights in {@code stages} stages, in its own dtype. */
    static Path demoInStages(int stages) {
        ModelManifest demo = demoDirectory().manifest();
        return demo.stages().size() == stages
                ? demo()
                : demoExport(stages, demo.dtype().manifestName());
    }

    /**
     * The demo model's weights exported in {@code stages} stages as {@code dtype} ("fp16", "fp32"), made once into
     * {@code target/test-models} with onnx-export's CLI; skipped where onnx-export's venv is missing. The folder
     * is named after the demo's manifest (which holds its weights' hash), so a new demo model is exported anew
     * instead of being compared with the last one's export.
     */
    static synchronized Path demoExport(int stages, String dtype) {
        Path dir = repo().resolve("target/test-models/moss-demo-" + stages + "-stages-" + dtype + "-" + demoVersion());
        if (!Files.isRegularFile(dir.resolve(ModelManifest.FILE_NAME))) {
            export(dir, stages, dtype);
        }
        return dir;
    }

    // The first 12 hex digits of the SHA-256 of the demo model's manifest.
    private static String demoVersion() {
        try {
            byte[] manifest = Files.readAllBytes(demo().resolve(ModelManifest.FILE_NAME));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void export(Path dir, int stages, String dtype) {
        Path python = repo().resolve("onnx-export/.venv/bin/python");
        assumeTrue(Files.isExecutable(python), "no onnx-export venv at " + python);
        List<String> command = List.of(
                python.toString(),
                "-m",
                "moss_onnx",
                "export",
                "--from-model",
                demo().toString(),
                "--out",
                dir.toString(),
                "--stages",
                String.valueOf(stages),
                "--dtype",
                dtype);
        try {
            Files.createDirectories(dir.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(repo().resolve("onnx-export").toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = process.waitFor(5, TimeUnit.MINUTES);
            assumeTrue(
                    !output.contains("unrecognized arguments"),
                    "onnx-export has no export --from-model yet: " + output);
            if (!done || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
