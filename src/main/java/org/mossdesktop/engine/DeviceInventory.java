// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The devices of this machine: always the CPU, and NVIDIA GPUs as {@code nvidia-smi} lists them. Plain data, so
 * a screen can be shown (and tested) with any list.
 */
public record DeviceInventory(List<Device> devices) {

    /** What {@link #detect()} asks nvidia-smi for; {@link #parseNvidiaSmi} reads its answer. */
    public static final List<String> NVIDIA_SMI_COMMAND =
            List.of("nvidia-smi", "--query-gpu=index,name,memory.total,memory.free", "--format=csv,noheader,nounits");

    private static final long MIB = 1024L * 1024L;

    public DeviceInventory {
        devices = List.copyOf(devices);
    }

    /** The CPU and the GPUs nvidia-smi reports; just the CPU when nvidia-smi is missing or fails. */
    public static DeviceInventory detect() {
        List<Device> devices = new ArrayList<>();
        devices.add(Device.cpu(physicalMemory()));
        devices.addAll(runNvidiaSmi().map(DeviceInventory::parseNvidiaSmi).orElse(List.of()));
        return new DeviceInventory(devices);
    }

    /** Just this machine's CPU. */
    public static DeviceInventory cpuOnly() {
        return new DeviceInventory(List.of(Device.cpu(physicalMemory())));
    }

    /**
     * Reads nvidia-smi's CSV ({@code index, name, memory.total, memory.free} in MiB, no header); lines that do
     * not parse are skipped.
     */
    public static List<Device> parseNvidiaSmi(String csv) {
        List<Device> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] cells = line.split(",");
            if (cells.length != 4) {
                continue;
            }
            try {
                int index = Integer.parseInt(cells[0].strip());
                long total = Long.parseLong(cells[2].strip()) * MIB;
                long free = Long.parseLong(cells[3].strip()) * MIB;
                gpus.add(new Device(Device.Kind.CUDA, index, cells[1].strip(), total, free));
            } catch (NumberFormatException e) {
                // "[N/A]" and similar: a GPU we cannot size is not one we can place on.
            }
        }
        return gpus;
    }

    /** The device with this id ("cpu", "cuda:1"). */
    public Optional<Device> find(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Device cpu() {
        return find("cpu").orElseThrow();
    }

    private static Optional<String> runNvidiaSmi() {
        try {
            Process process = new ProcessBuilder(NVIDIA_SMI_COMMAND)
                    .redirectErrorStream(true)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no nvidia-smi: no NVIDIA GPUs to offer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
