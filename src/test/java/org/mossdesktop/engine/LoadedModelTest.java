// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadedModelTest {

    @TempDir
    Path cache;

    private record Reported(int stage, int stages, long weightBytes) {}

    @Test
    void loading_reports_each_stage_in_order_with_its_weight_bytes() {
        ModelDirectory demo = ModelDirectory.open(DemoModel.locate());
        DeviceInventory cpuOnly = DeviceInventory.cpuOnly();
        List<Reported> reported = new ArrayList<>();

        try (LoadedModel model = LoadedModel.load(
                demo,
                PlacementPlan.allOn(cpuOnly.cpu(), demo.manifest().stages().size()),
                cpuOnly,
                PipelineOptions.DEFAULTS,
                Optional.of(cache),
                (stage, stages, bytes) -> reported.add(new Reported(stage, stages, bytes)))) {
            assertEquals("moss-demo", model.manifest().name());
        }

        List<StageSpec> specs = demo.manifest().stages();
        assertEquals(
                List.of(
                        new Reported(0, 2, specs.get(0).weightBytes()),
                        new Reported(1, 2, specs.get(1).weightBytes())),
                reported);
    }
}
