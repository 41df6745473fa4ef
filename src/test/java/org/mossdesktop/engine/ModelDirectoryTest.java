// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.i18n.UserFacingException;

class ModelDirectoryTest {

    @TempDir
    Path temp;

    private Path model;
    private StageSpec lastStage;

    @BeforeEach
    void copyTheDemoModel() {
        model = TestModels.copy(TestModels.demo(), temp.resolve("model"));
        lastStage = ModelDirectory.open(model).manifest().stages().getLast();
    }

    @Test
    void the_demo_model_opens() {
        ModelDirectory directory = ModelDirectory.open(model);
        assertEquals(model.resolve("tokenizer.json"), directory.tokenizerFile());
    }

    @Test
    void a_folder_without_a_manifest_is_not_a_model() throws IOException {
        Files.delete(model.resolve("moss-onnx.json"));
        UserFacingException e = refused();
        assertEquals(model + " is not a MOSS Desktop model folder: moss-onnx.json is missing.", e.getMessage());
    }

    @Test
    void a_corrupt_manifest_is_named() throws IOException {
        Files.writeString(model.resolve("moss-onnx.json"), "{\"format\": 1, \"stages\": [");
        UserFacingException e = refused();
        assertEquals("engine.manifest.notJson", e.key());
        assertTrue(e.getMessage().startsWith(model.resolve("moss-onnx.json") + " is not a valid model manifest"));
    }

    @Test
    void a_missing_stage_file_is_named() throws IOException {
        Path graph = model.resolve(lastStage.file());
        Files.delete(graph);
        UserFacingException e = refused();
        assertEquals("The model file " + graph + " is missing. Copy the whole model folder again.", e.getMessage());
    }

    @Test
    void a_missing_tokenizer_is_named() throws IOException {
        Files.delete(model.resolve("tokenizer.json"));
        assertEquals("engine.model.fileMissing", refused().key());
        assertTrue(refused().getMessage().contains("tokenizer.json"));
    }

    @Test
    void weights_cut_short_are_found_before_onnx_runtime_reads_them() throws IOException {
        Path weights = model.resolve(lastStage.dataFile().orElse(lastStage.file()));
        long size = Files.size(weights);
        truncate(weights, size / 2);
        UserFacingException e = refused();
        assertEquals("engine.model.fileTruncated", e.key());
        assertTrue(
                e.getMessage().startsWith("The model file " + weights + " is incomplete: it has " + size / 2),
                e.getMessage());
    }

    @Test
    void a_truncated_graph_file_is_named_when_onnx_runtime_cannot_read_it() throws IOException {
        Path graph = model.resolve(lastStage.file());
        // Keep enough bytes that the size check passes: only ONNX Runtime can tell the graph is cut.
        long keep = lastStage.dataFile().isPresent() ? Files.size(graph) / 2 : Files.size(graph) - 16;
        truncate(graph, keep);
        ModelDirectory directory = ModelDirectory.open(model);
        UserFacingException e = assertThrows(
                UserFacingException.class,
                () -> LoadedModel.loadOnCpu(directory, PipelineOptions.DEFAULTS, Optional.empty())
                        .close());
        assertEquals("engine.model.unreadable", e.key());
        assertTrue(e.getMessage().startsWith("ONNX Runtime cannot load " + graph + ": "), e.getMessage());
    }

    @Test
    void a_graph_that_disagrees_with_the_manifest_is_named() throws IOException {
        Path manifest = model.resolve("moss-onnx.json");
        String json = Files.readString(manifest);
        int heads = ModelDirectory.open(model).manifest().architecture().nHead();
        Files.writeString(manifest, json.replaceFirst("\"n_head\":\\s*" + heads, "\"n_head\": " + (heads * 2)));
        ModelDirectory directory = ModelDirectory.open(model);
        UserFacingException e = assertThrows(
                UserFacingException.class,
                () -> LoadedModel.loadOnCpu(directory, PipelineOptions.DEFAULTS, Optional.empty())
                        .close());
        assertEquals("engine.model.graphMismatch", e.key());
        assertTrue(e.getMessage().startsWith(model.resolve("stage-0.onnx") + " does not match its manifest: "));
        assertTrue(e.getMessage().contains("past_key_values.0.key has shape"), e.getMessage());
    }

    private UserFacingException refused() {
        return assertThrows(UserFacingException.class, () -> ModelDirectory.open(model));
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }
}
