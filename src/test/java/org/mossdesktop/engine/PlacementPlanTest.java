// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.UserFacingException;

class PlacementPlanTest {

    private static final long GIB = 1L << 30;
    private static final Device CPU = Device.cpu(64 * GIB);
    private static final Device H100_0 = new Device(Device.Kind.CUDA, 0, "NVIDIA H100 80GB HBM3", 80 * GIB, 79 * GIB);
    private static final Device H100_1 = new Device(Device.Kind.CUDA, 1, "NVIDIA H100 80GB HBM3", 80 * GIB, 79 * GIB);
    private static final DeviceInventory MACHINE = new DeviceInventory(List.of(CPU, H100_0, H100_1));
    private final ModelManifest moss = ManifestFixtures.moss16b();

    @Test
    void the_kv_cache_of_moss_at_2048_tokens_is_17_layers_of_keys_and_values_per_stage() {
        List<MemoryEstimate> estimates = new PlacementPlan(List.of(H100_0, H100_1)).estimate(moss, 2048);
        // 17 layers × (key + value) × 24 heads × 2048 positions × 256 dims × 2 bytes (fp16)
        long kvPerStage = 17L * 2 * 24 * 2048 * 256 * 2;
        assertEquals(855_638_016L, kvPerStage);
        assertEquals(new MemoryEstimate(H100_0, 16_500_000_000L, kvPerStage, workspace(false, 2048)), estimates.get(0));
        assertEquals(new MemoryEstimate(H100_1, 16_900_000_000L, kvPerStage, workspace(true, 2048)), estimates.get(1));
    }

    @Test
    void stages_on_one_device_add_their_weights_and_caches_but_not_their_workspaces() {
        MemoryEstimate cpu = PlacementPlan.allOn(CPU, 2).estimate(moss, 1000).getFirst();
        assertEquals(33_400_000_000L, cpu.weightBytes());
        assertEquals(34L * 2 * 24 * 1000 * 256 * 2, cpu.kvCacheBytes());
        assertEquals(workspace(true, 1000), cpu.workspaceBytes());
        assertEquals(cpu.weightBytes() + cpu.kvCacheBytes() + cpu.workspaceBytes(), cpu.totalBytes());
    }

    @Test
    void a_plan_that_fits_returns_one_estimate_per_device() {
        List<MemoryEstimate> estimates = new PlacementPlan(List.of(H100_0, H100_1)).validate(moss, MACHINE, 2048);
        assertEquals(
                List.of(H100_0, H100_1),
                estimates.stream().map(MemoryEstimate::device).toList());
    }

    @Test
    void the_whole_model_on_one_80_gb_gpu_fits_but_not_on_a_24_gb_one() {
        PlacementPlan.allOn(H100_0, 2).validate(moss, MACHINE, 2048);
        Device rtx = new Device(Device.Kind.CUDA, 0, "NVIDIA GeForce RTX 4090", 24 * GIB, 23 * GIB);
        UserFacingException e = assertThrows(
                UserFacingException.class,
                () -> PlacementPlan.allOn(rtx, 2).validate(moss, new DeviceInventory(List.of(CPU, rtx)), 2048));
        assertEquals("engine.placement.tooLarge", e.key());
        assertEquals(
                "The model does not fit on cuda:0 (NVIDIA GeForce RTX 4090): it needs 33.3 GiB, and 23.0 GiB are free."
                        + " Place some stages on another device.",
                e.getMessage());
    }

    @Test
    void a_plan_with_a_device_per_stage_must_name_as_many_devices_as_there_are_stages() {
        UserFacingException e = assertThrows(
                UserFacingException.class,
                () -> new PlacementPlan(List.of(H100_0, H100_1, CPU)).validate(moss, MACHINE, 2048));
        assertEquals("The model has 2 stages, but the placement names 3 devices.", e.getMessage());
    }

    @Test
    void a_gpu_the_machine_does_not_have_is_refused() {
        Device absent = new Device(Device.Kind.CUDA, 7, "NVIDIA H100 80GB HBM3", 80 * GIB, 80 * GIB);
        UserFacingException e = assertThrows(
                UserFacingException.class, () -> PlacementPlan.allOn(absent, 2).validate(moss, MACHINE, 2048));
        assertEquals("There is no device \"cuda:7\" on this computer.", e.getMessage());
    }

    @Test
    void a_context_longer_than_the_model_window_is_refused() {
        UserFacingException e = assertThrows(
                UserFacingException.class, () -> PlacementPlan.allOn(H100_0, 2).validate(moss, MACHINE, 4096));
        assertEquals("engine.placement.contextLength", e.key());
    }

    @Test
    void a_plan_is_read_from_device_ids_one_per_stage_or_one_for_all() {
        assertEquals(
                List.of(CPU, H100_1),
                PlacementPlan.parse("cpu, cuda:1", MACHINE, 2).devices());
        assertEquals(
                List.of(H100_0, H100_0),
                PlacementPlan.parse("cuda:0", MACHINE, 2).devices());
        UserFacingException e =
                assertThrows(UserFacingException.class, () -> PlacementPlan.parse("cuda:2", MACHINE, 2));
        assertEquals("engine.placement.unknownDevice", e.key());
    }

    @Test
    void an_estimate_reads_as_its_parts_and_their_sum() {
        MemoryEstimate e = new MemoryEstimate(CPU, 12L << 20, 4L << 20, 30L << 20);
        assertEquals("cpu: 12.0 MiB weights + 4.0 MiB KV cache + 30.0 MiB workspace = 46.0 MiB", e.describe());
    }

    private long workspace(boolean head, long tokens) {
        long activations = tokens * (6L * 6144 + 24576) * 2;
        long scores = 24L * tokens * tokens * 4;
        return activations + scores + (head ? 107008L * 4 : 0);
    }
}
