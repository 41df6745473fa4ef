// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/**
 * The shape of a MOSS (CodeGen-style) model, as the manifest states it.
 *
 * @param vocabSize rows of the embedding and the output layer (MOSS pads the tokenizer's 106k to 107008)
 * @param nPositions the context window: prompt and reply together
 */
public record ModelArchitecture(
        String modelType,
        int nLayer,
        int nEmbd,
        int nHead,
        int headDim,
        int rotaryDim,
        int nInner,
        int vocabSize,
        int nPositions,
        double layerNormEpsilon) {

    /** Bytes of KV cache one layer holds per token (key and value) in {@code dtype}. */
    public long kvBytesPerLayerPerToken(ModelDtype dtype) {
        return 2L * nHead * headDim * dtype.bytes();
    }
}
