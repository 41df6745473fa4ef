// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mossdesktop.engine.GenerationSettings;

/**
 * What the settings ask of the engine: check a model directory, the devices of this machine, and load or
 * unload a model with a placement of its stages. The app wires the engine behind it.
 */
public interface ModelControl {

    /**
     * Reads a model directory's manifest without loading weights.
     *
     * @throws org.mossdesktop.i18n.UserFacingException when it is not a usable model directory
     */
    ModelSummary inspect(Path directory);

    /**
     * CPU always, then the GPUs found. Finding them may take a while (nvidia-smi); the settings never wait for
     * it on the FX thread.
     */
    CompletableFuture<List<Device>> devices();

    /**
     * Loads a model, stage by stage, on a background thread; {@code progress} is called from that thread.
     *
     * @param placement device id per stage index
     */
    void load(Path directory, Map<Integer, String> placement, LoadProgress progress);

    void unload();

    /** A model directory as its manifest describes it. */
    record ModelSummary(
            String name,
            boolean demo,
            boolean plugin,
            List<Long> stageWeightBytes,
            int contextLength,
            long kvCacheBytesPerToken,
            GenerationSettings defaults) {
        public ModelSummary {
            stageWeightBytes = List.copyOf(stageWeightBytes);
        }
    }

    /** A device a stage can run on. */
    record Device(String id, String name, long totalBytes, long freeBytes, boolean gpu) {}

    /** Loading, reported from the loading thread. */
    interface LoadProgress {
        /**
         * Stage {@code stage} (from 0) of {@code stages} has loaded, as soon as it has; stages load in order, and
         * a load that starts over reports them again from 0.
         *
         * @param weightBytes the stage's weights, to weigh the progress by
         */
        void stageLoaded(int stage, int stages, long weightBytes);

        /**
         * @param warning what the user should know about how the model runs (e.g. GPU stages without
         *     IoBinding), in their language; empty when all is well
         */
        void loaded(ModelSummary model, Optional<String> warning);

        /** @param message in the user's language */
        void failed(String message);
    }
}
