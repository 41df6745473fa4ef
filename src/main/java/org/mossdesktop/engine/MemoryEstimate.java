// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/**
 * What the stages placed on one device will cost it.
 *
 * @param weightBytes the stages' weights, from the manifest
 * @param kvCacheBytes the KV cache at the chosen context length: exact, since it is allocated once, up front
 * @param workspaceBytes ONNX Runtime's working memory for a prefill of the whole context (an upper bound)
 */
public record MemoryEstimate(Device device, long weightBytes, long kvCacheBytes, long workspaceBytes) {

    public long totalBytes() {
        return weightBytes + kvCacheBytes + workspaceBytes;
    }

    /** "cpu: 12.0 MiB weights + 4.0 MiB KV cache + 30.0 MiB workspace = 46.0 MiB", for the terminal and logs. */
    public String describe() {
        return device.id() + ": " + PlacementPlan.formatBytes(weightBytes) + " weights + "
                + PlacementPlan.formatBytes(kvCacheBytes) + " KV cache + " + PlacementPlan.formatBytes(workspaceBytes)
                + " workspace = " + PlacementPlan.formatBytes(totalBytes());
    }

    /** Whether it fits in what the device has free. */
    public boolean fits() {
        return totalBytes() <= device.freeBytes();
    }
}
