// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How ONNX Runtime's CUDA execution provider is set up for stages on a GPU (a user setting).
 *
 * @param arenaExtendStrategy how the GPU memory arena grows: {@link ArenaExtendStrategy#SAME_AS_REQUESTED} by
 *     default, because the KV cache is allocated from the arena in one piece per layer up front, and growing by
 *     powers of two could reserve up to twice what the cache needs
 * @param tf32 whether fp32 matrix products may use TF32 tensor cores (faster, about 3 significant digits); matters
 *     only for fp32 exports, MOSS's own fp16 weights never use it
 */
public record CudaOptions(ArenaExtendStrategy arenaExtendStrategy, boolean tf32) {

    public static final CudaOptions DEFAULTS = new CudaOptions(ArenaExtendStrategy.SAME_AS_REQUESTED, true);

    public enum ArenaExtendStrategy {
        NEXT_POWER_OF_TWO("kNextPowerOfTwo"),
        SAME_AS_REQUESTED("kSameAsRequested");

        private final String providerValue;

        ArenaExtendStrategy(String providerValue) {
            this.providerValue = providerValue;
        }
    }

    public CudaOptions {
        if (arenaExtendStrategy == null) {
            throw new IllegalArgumentException("no arena extend strategy");
        }
    }

    /**
     * The CUDA provider options ONNX Runtime reads, for {@code device}. cuDNN's convolution algorithm search is off
     * (DEFAULT): MOSS has no convolutions, and the exhaustive search, ONNX Runtime's default, only costs load time
     * and workspace memory.
     */
    Map<String, String> providerOptions(int device) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", String.valueOf(device));
        options.put("arena_extend_strategy", arenaExtendStrategy.providerValue);
        options.put("cudnn_conv_algo_search", "DEFAULT");
        options.put("use_tf32", tf32 ? "1" : "0");
        return options;
    }

    public CudaOptions withArenaExtendStrategy(ArenaExtendStrategy value) {
        return new CudaOptions(value, tf32);
    }

    public CudaOptions withTf32(boolean value) {
        return new CudaOptions(arenaExtendStrategy, value);
    }
}
