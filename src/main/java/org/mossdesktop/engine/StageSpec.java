// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.Optional;

/**
 * One pipeline stage of a model directory: a graph file with layers {@code firstLayer} (inclusive) to
 * {@code endLayer} (exclusive).
 *
 * @param dataFile the external weights file, or empty when the weights are inside the graph file
 * @param weightBytes what the stage's weights cost in device memory
 */
public record StageSpec(
        int index,
        String file,
        Optional<String> dataFile,
        int firstLayer,
        int endLayer,
        boolean hasEmbedding,
        boolean hasHead,
        long weightBytes) {

    public int layerCount() {
        return endLayer - firstLayer;
    }
}
