// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceInventoryTest {

    private static final long MIB = 1L << 20;

    @Test
    void nvidia_smi_csv_becomes_one_device_per_gpu_in_bytes() {
        String csv = """
                0, NVIDIA H100 80GB HBM3, 81559, 80897
                1, NVIDIA GeForce RTX 3090, 24576, 1200
                """;
        assertEquals(
                List.of(
                        new Device(Device.Kind.CUDA, 0, "NVIDIA H100 80GB HBM3", 81559 * MIB, 80897 * MIB),
                        new Device(Device.Kind.CUDA, 1, "NVIDIA GeForce RTX 3090", 24576 * MIB, 1200 * MIB)),
                DeviceInventory.parseNvidiaSmi(csv));
    }

    @Test
    void gpus_nvidia_smi_cannot_size_and_error_lines_are_skipped() {
        String csv = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"
                + "0, NVIDIA A100, [N/A], [N/A]\n";
        assertEquals(List.of(), DeviceInventory.parseNvidiaSmi(csv));
    }

    @Test
    void the_cpu_is_always_in_the_inventory() {
        DeviceInventory inventory = DeviceInventory.detect();
        assertEquals("cpu", inventory.devices().getFirst().id());
        assertTrue(inventory.cpu().memoryBytes() > 0);
    }

    @Test
    void devices_are_found_by_their_command_line_id() {
        Device gpu = new Device(Device.Kind.CUDA, 1, "GPU", MIB, MIB);
        DeviceInventory inventory = new DeviceInventory(List.of(Device.cpu(MIB), gpu));
        assertEquals(gpu, inventory.find("cuda:1").orElseThrow());
        assertTrue(inventory.find("cuda:0").isEmpty());
    }
}
