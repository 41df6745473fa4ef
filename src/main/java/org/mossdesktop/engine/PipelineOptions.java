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
 * @param ioBinding whether stages run through an IoBinding that keeps the KV cache on their device
 * @param cuda how the CUDA execution provider is set up for stages on a GPU
 */
public record PipelineOptions(
        int contextLength, int intraOpThreads, boolean spinning, IoBinding ioBinding, CudaOptions cuda) {

    public static final PipelineOptions DEFAULTS = new PipelineOptions(0, 0, false);

    /** When the pipeline runs its stages through ONNX Runtime's IoBinding (docs/PERFORMANCE.md, "GPU"). */
    public enum IoBinding {
        /**
         * When any stage is on a GPU: there the plain run would copy the whole KV cache to the device and back at
         * every step. On the CPU the plain run is kept (it copies nothing either, and is the better-tested path).
         */
        AUTO,
        /** Always, CPU stages too (tests and benchmarks of the binding path). */
        ALWAYS,
        /** Never: the plain run, with the cache in host memory wherever the stage runs. */
        NEVER
    }

    public PipelineOptions {
        if (contextLength < 0 || intraOpThreads < 0) {
            throw new IllegalArgumentException("negative context length or thread count");
        }
        if (ioBinding == null || cuda == null) {
            throw new IllegalArgumentException("no IoBinding mode or CUDA options");
        }
    }

    public PipelineOptions(int contextLength, int intraOpThreads, boolean spinning) {
        this(contextLength, intraOpThreads, spinning, IoBinding.AUTO, CudaOptions.DEFAULTS);
    }

    /** The context length for {@code architecture}: the option when set, else the model's window. */
    public int contextLength(ModelArchitecture architecture) {
        return contextLength == 0 ? architecture.nPositions() : contextLength;
    }

    public PipelineOptions withContextLength(int value) {
        return new PipelineOptions(value, intraOpThreads, spinning, ioBinding, cuda);
    }

    public PipelineOptions withIntraOpThreads(int value) {
        return new PipelineOptions(contextLength, value, spinning, ioBinding, cuda);
    }

    public PipelineOptions withSpinning(boolean value) {
        return new PipelineOptions(contextLength, intraOpThreads, value, ioBinding, cuda);
    }

    public PipelineOptions withIoBinding(IoBinding value) {
        return new PipelineOptions(contextLength, intraOpThreads, spinning, value, cuda);
    }

    public PipelineOptions withCuda(CudaOptions value) {
        return new PipelineOptions(contextLength, intraOpThreads, spinning, ioBinding, value);
    }
}
