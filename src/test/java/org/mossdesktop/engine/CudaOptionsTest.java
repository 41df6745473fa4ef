// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaOptionsTest {

    @Test
    void the_defaults_grow_the_arena_as_requested_search_no_conv_algorithm_and_allow_tf32() {
        assertEquals(
                Map.of(
                        "device_id", "1",
                        "arena_extend_strategy", "kSameAsRequested",
                        "cudnn_conv_algo_search", "DEFAULT",
                        "use_tf32", "1"),
                CudaOptions.DEFAULTS.providerOptions(1));
    }

    @Test
    void the_settings_reach_the_provider_options() {
        CudaOptions options = CudaOptions.DEFAULTS
                .withArenaExtendStrategy(CudaOptions.ArenaExtendStrategy.NEXT_POWER_OF_TWO)
                .withTf32(false);
        assertEquals(
                Map.of(
                        "device_id", "0",
                        "arena_extend_strategy", "kNextPowerOfTwo",
                        "cudnn_conv_algo_search", "DEFAULT",
                        "use_tf32", "0"),
                options.providerOptions(0));
    }
}
