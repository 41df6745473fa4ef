// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/**
 * Somewhere a pipeline stage can run: the CPU, or an NVIDIA GPU by its CUDA index.
 *
 * @param memoryBytes the device's memory (RAM for the CPU)
 * @param freeBytes what is free now, as far as we can tell (for the CPU: the same as {@code memoryBytes},
 *     since the OS gives back page cache on demand)
 */
public record Device(Kind kind, int index, String name, long memoryBytes, long freeBytes) {

    public enum Kind {
        CPU,
        CUDA
    }

    public Device {
        if (kind == Kind.CPU && index != 0) {
            throw new IllegalArgumentException("There is one CPU device, index 0");
        }
        if (index < 0 || memoryBytes < 0 || freeBytes < 0) {
            throw new IllegalArgumentException("Negative index or memory: " + index + ", " + memoryBytes);
        }
    }

    public static Device cpu(long memoryBytes) {
        return new Device(Kind.CPU, 0, "CPU", memoryBytes, memoryBytes);
    }

    /** "cpu" or "cuda:N", as on the command line. */
    public String id() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }

    @Override
    public String toString() {
        return id() + " (" + name + ")";
    }
}
