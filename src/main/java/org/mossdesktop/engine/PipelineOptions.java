// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/**
 * How a pipeline is loaded.
 *
 * @param contextLength the KV cache capacity in tokens; 0 means the model's whole window ({@code n_positions})
 * @param intraOpThreads threads per ONNX Runtime session; 0 lets ONNX Runtime choose (one per core)
 * @param spinning whether idle ONNX Runtime threads spin (ONNX Runtime's default) instead of sleeping; off,
 *     because with a session per stage the spinning threads of one stage steal the cores of the next (see
 *     docs/PERFORMANCE.md); on only to compare with loops that keep ONNX Runtime's default
 */
public record PipelineOptions(int contextLength, int intraOpThreads, boolean spinning) {

    public static final PipelineOptions DEFAULTS = new PipelineOptions(0, 0, false);

    public PipelineOptions {
        if (contextLength < 0 || intraOpThreads < 0) {
            throw new IllegalArgumentException("negative context length or thread count");
        }
    }

    /** The context length for {@code architecture}: the option when set, else the model's window. */
    public int contextLength(ModelArchitecture architecture) {
        return contextLength == 0 ? architecture.nPositions() : contextLength;
    }

    public PipelineOptions withContextLength(int value) {
        return new PipelineOptions(value, intraOpThreads, spinning);
    }

    public PipelineOptions withIntraOpThreads(int value) {
        return new PipelineOptions(contextLength, value, spinning);
    }

    public PipelineOptions withSpinning(boolean value) {
        return new PipelineOptions(contextLength, intraOpThreads, value);
    }
}
