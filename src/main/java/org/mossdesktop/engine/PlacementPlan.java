// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mossdesktop.i18n.UserFacingException;

/**
 * Which device runs each pipeline stage: {@code devices.get(k)} runs stage k. Validated against the model and
 * the machine before anything is loaded, with a memory estimate per device.
 */
public record PlacementPlan(List<Device> devices) {

    public PlacementPlan {
        devices = List.copyOf(devices);
    }

    /** Every stage on one device. */
    public static PlacementPlan allOn(Device device, int stageCount) {
        return new PlacementPlan(Collections.nCopies(stageCount, device));
    }

    /**
     * A plan from device ids, one per stage, comma-separated ("cpu,cuda:0"); a single id places every stage.
     *
     * @throws UserFacingException naming a device the inventory does not have
     */
    public static PlacementPlan parse(String spec, DeviceInventory inventory, int stageCount) {
        String[] ids = spec.split(",");
        List<Device> devices = new ArrayList<>();
        for (String id : ids) {
            devices.add(inventory
                    .find(id.strip())
                    .orElseThrow(() -> new UserFacingException("engine.placement.unknownDevice", id.strip())));
        }
        return ids.length == 1 ? allOn(devices.getFirst(), stageCount) : new PlacementPlan(devices);
    }

    public Device deviceOf(int stage) {
        return devices.get(stage);
    }

    /**
     * The memory each device will need for {@code manifest} with a KV cache of {@code contextLength} tokens, one
     * entry per device in first-use order. Pure arithmetic; {@link #validate} also checks that it fits.
     */
    public List<MemoryEstimate> estimate(ModelManifest manifest, int contextLength) {
        ModelArchitecture a = manifest.architecture();
        ModelDtype dtype = manifest.dtype();
        Map<Device, long[]> perDevice = new LinkedHashMap<>(); // weights, kv, workspace
        for (StageSpec stage : manifest.stages()) {
            long[] sums = perDevice.computeIfAbsent(devices.get(stage.index()), d -> new long[3]);
            sums[0] += stage.weightBytes();
            sums[1] += stage.layerCount() * a.kvBytesPerLayerPerToken(dtype) * contextLength;
            // Stages on one device run one after another: their workspaces do not add up.
            sums[2] = Math.max(sums[2], workspaceBytes(a, dtype, stage, contextLength));
        }
        List<MemoryEstimate> estimates = new ArrayList<>();
        perDevice.forEach((device, s) -> estimates.add(new MemoryEstimate(device, s[0], s[1], s[2])));
        return estimates;
    }

    /**
     * ONNX Runtime's working memory for one layer over a prefill of {@code tokens}: the block's activations
     * (hidden state, q/k/v, attention output, MLP) in the model's dtype, the attention scores in fp32 as the CPU
     * kernel materialises them, and the last stage's fp32 logits.
     */
    static long workspaceBytes(ModelArchitecture a, ModelDtype dtype, StageSpec stage, int tokens) {
        long activations = (long) tokens * (6L * a.nEmbd() + a.nInner()) * dtype.bytes();
        long scores = (long) a.nHead() * tokens * tokens * Float.BYTES;
        long logits = stage.hasHead() ? (long) a.vocabSize() * Float.BYTES : 0;
        return activations + scores + logits;
    }

    /**
     * Checks the plan and returns the memory estimate per device.
     *
     * @throws UserFacingException when the plan has the wrong number of stages, names a device the machine lacks,
     *     or needs more memory than a device has free
     */
    public List<MemoryEstimate> validate(ModelManifest manifest, DeviceInventory inventory, int contextLength) {
        int stageCount = manifest.stages().size();
        if (devices.size() != stageCount) {
            throw new UserFacingException(
                    "engine.placement.stageCount", String.valueOf(stageCount), String.valueOf(devices.size()));
        }
        for (Device device : devices) {
            if (!inventory.devices().contains(device)) {
                throw new UserFacingException("engine.placement.unknownDevice", device.id());
            }
        }
        if (contextLength < 1 || contextLength > manifest.architecture().nPositions()) {
            throw new UserFacingException(
                    "engine.placement.contextLength",
                    String.valueOf(contextLength),
                    String.valueOf(manifest.architecture().nPositions()));
        }
        List<MemoryEstimate> estimates = estimate(manifest, contextLength);
        for (MemoryEstimate estimate : estimates) {
            if (!estimate.fits()) {
                throw new UserFacingException(
                        "engine.placement.tooLarge",
                        estimate.device().toString(),
                        formatBytes(estimate.totalBytes()),
                        formatBytes(estimate.device().freeBytes()));
            }
        }
        return estimates;
    }

    /** Bytes for people: "33.3 GiB", "412.0 MiB". */
    public static String formatBytes(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024
                ? String.format(java.util.Locale.ROOT, "%.1f GiB", mib / 1024)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", mib);
    }
}
