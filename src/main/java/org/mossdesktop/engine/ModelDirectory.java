// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mossdesktop.i18n.UserFacingException;

/**
 * A model directory in format 1 (docs/MODEL-FORMAT.md), checked before anything heavy is loaded: the
 * manifest parses, every file it names is there, and no weights file is shorter than its weights.
 */
public record ModelDirectory(Path path, ModelManifest manifest) {

    public static final String TOKENIZER_FILE = "tokenizer.json";

    public ModelDirectory {
        path = path.toAbsolutePath().normalize();
    }

    /**
     * Opens and validates the model directory at {@code path}.
     *
     * @throws UserFacingException naming the file and what is wrong with it
     */
    public static ModelDirectory open(Path path) {
        if (!Files.isDirectory(path)) {
            throw new UserFacingException("engine.model.notFound", path.toString());
        }
        Path manifestFile = path.resolve(ModelManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new UserFacingException("engine.model.manifestMissing", path.toString(), ModelManifest.FILE_NAME);
        }
        String json;
        try {
            json = Files.readString(manifestFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException(e, "engine.manifest.notJson", manifestFile.toString(), e.toString());
        }
        ModelManifest manifest = ModelManifest.parse(json, manifestFile.toString());
        ModelDirectory directory = new ModelDirectory(path, manifest);
        directory.checkFiles();
        return directory;
    }

    public Path tokenizerFile() {
        return path.resolve(TOKENIZER_FILE);
    }

    public Path stageFile(StageSpec stage) {
        return path.resolve(stage.file());
    }

    private void checkFiles() {
        requireFile(tokenizerFile());
        for (StageSpec stage : manifest.stages()) {
            Path graph = requireFile(stageFile(stage));
            long bytes = size(graph);
            Path truncated = graph;
            if (stage.dataFile().isPresent()) {
                Path data = requireFile(path.resolve(stage.dataFile().get()));
                bytes += size(data);
                truncated = data;
            }
            // Cheap and early: a copy cut short would otherwise fail deep inside ONNX Runtime, after minutes.
            if (bytes < stage.weightBytes()) {
                throw new UserFacingException(
                        "engine.model.fileTruncated",
                        truncated.toString(),
                        String.valueOf(size(truncated)),
                        String.valueOf(stage.weightBytes() - (bytes - size(truncated))));
            }
        }
    }

    private static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("engine.model.fileMissing", file.toString());
        }
        return file;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
