// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrtCApiTest {

    @Test
    void a_version_outside_the_allow_list_disables_the_c_api_with_the_reason() {
        OrtCApi api = OrtCApi.withTestedVersions(Set.of("1.28.0"));
        assertFalse(api.isAvailable());
        assertEquals(
                Optional.of("ONNX Runtime " + OrtLoader.environment().getVersion()
                        + " is not a version this build was tested with [1.28.0]"),
                api.unavailableReason());
        assertThrows(IllegalStateException.class, api::createRunOptions);
    }

    @Test
    void the_onnx_runtime_this_build_ships_is_on_the_allow_list_and_binds() {
        // Fails when ONNX Runtime is upgraded without checking the function table against the new header.
        OrtCApi api = OrtCApi.shared();
        assertEquals(Optional.empty(), api.unavailableReason());
        assertTrue(OrtCApi.TESTED_VERSIONS.contains(OrtLoader.environment().getVersion()));
    }

    @Test
    void a_failed_call_names_the_function_and_carries_onnx_runtimes_message() {
        try (Pipeline pipeline = Pipeline.load(
                TestModels.demoDirectory(),
                PlacementPlan.allOn(DeviceInventory.cpuOnly().cpu(), 2),
                DeviceInventory.cpuOnly(),
                PipelineOptions.DEFAULTS
                        .withIoBinding(PipelineOptions.IoBinding.ALWAYS)
                        .withContextLength(16))) {
            OrtIoBinding binding = pipeline.stages().getFirst().binding();
            NativeTensor cache = pipeline.stages().getFirst().deviceCache().getFirst();
            OrtCApi.CallFailed e =
                    assertThrows(OrtCApi.CallFailed.class, () -> binding.bindInput("no_such_input", cache));
            assertTrue(e.getMessage().startsWith("ONNX Runtime BindInput failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("no_such_input"), e.getMessage());
        }
    }
}
