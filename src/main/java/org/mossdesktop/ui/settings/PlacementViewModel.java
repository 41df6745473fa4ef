// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mossdesktop.ui.settings.ModelControl.Device;
import org.mossdesktop.ui.settings.ModelControl.ModelSummary;

/**
 * GPU placement: which device runs each pipeline stage, and what that costs each device (weights, KV cache
 * at the model's context length, workspace) against its free memory, before anything is loaded. The
 * device list is data, so the panel can be shown with any machine's devices.
 */
public final class PlacementViewModel {

    /** Scratch memory ONNX Runtime needs on each device beside weights and cache (activations, kernels). */
    static final long WORKSPACE_BYTES = 512L << 20;

    /** One pipeline stage and the device chosen for it. */
    public static final class StageRow {
        private final int index;
        private final long weightBytes;
        private final ObjectProperty<Device> device = new SimpleObjectProperty<>();

        StageRow(int index, long weightBytes, Device initial) {
            this.index = index;
            this.weightBytes = weightBytes;
            device.set(initial);
        }

        public int index() {
            return index;
        }

        public long weightBytes() {
            return weightBytes;
        }

        public ObjectProperty<Device> deviceProperty() {
            return device;
        }
    }

    /** What the chosen placement asks of one device. */
    public record DeviceLoad(Device device, long estimateBytes) {
        public boolean fits() {
            return estimateBytes <= device.freeBytes();
        }
    }

    private final ObservableList<Device> devices = FXCollections.observableArrayList();
    private final ObservableList<StageRow> stages = FXCollections.observableArrayList();
    private final ObservableList<DeviceLoad> loads = FXCollections.observableArrayList();
    private final ObjectProperty<ModelSummary> model = new SimpleObjectProperty<>();
    private final BooleanBinding fits =
            Bindings.createBooleanBinding(() -> loads.stream().allMatch(DeviceLoad::fits), loads);
    private final BooleanBinding hasGpu =
            Bindings.createBooleanBinding(() -> devices.stream().anyMatch(Device::gpu), devices);

    public void setDevices(List<Device> found) {
        devices.setAll(found);
        if (model.get() != null) {
            setModel(model.get());
        }
    }

    /** Shows a model's stages, placed automatically. */
    public void setModel(ModelSummary summary) {
        model.set(summary);
        List<StageRow> rows = new ArrayList<>();
        for (int i = 0; i < summary.stageWeightBytes().size(); i++) {
            StageRow row = new StageRow(i, summary.stageWeightBytes().get(i), cpu());
            row.deviceProperty().addListener((obs, old, now) -> estimate());
            rows.add(row);
        }
        stages.setAll(rows);
        auto();
    }

    /**
     * Balances the stages over the GPUs by free memory: biggest stage first, each onto the GPU with the most
     * memory left that can hold it; a stage no GPU can hold runs on the CPU.
     */
    public void auto() {
        ModelSummary summary = model.get();
        if (summary == null) {
            return;
        }
        Map<Device, Long> left = new LinkedHashMap<>();
        devices.stream().filter(Device::gpu).forEach(d -> left.put(d, d.freeBytes() - WORKSPACE_BYTES));
        List<StageRow> biggestFirst = new ArrayList<>(stages);
        biggestFirst.sort(Comparator.comparingLong(StageRow::weightBytes).reversed());
        for (StageRow row : biggestFirst) {
            long need = stageBytes(row);
            // Ties go to the first GPU, so equal cards fill in order.
            Device best = null;
            for (Map.Entry<Device, Long> e : left.entrySet()) {
                if (e.getValue() >= need && (best == null || e.getValue() > left.get(best))) {
                    best = e.getKey();
                }
            }
            best = best == null ? cpu() : best;
            left.computeIfPresent(best, (d, free) -> free - need);
            row.deviceProperty().set(best);
        }
        estimate();
    }

    /** Device id per stage, for loading. */
    public Map<Integer, String> plan() {
        Map<Integer, String> plan = new LinkedHashMap<>();
        stages.forEach(s -> plan.put(s.index(), s.deviceProperty().get().id()));
        return plan;
    }

    /** Which stages run where, e.g. "NVIDIA H100 #0: 1 · NVIDIA H100 #1: 2". */
    public String summary() {
        Map<String, List<Integer>> byDevice = new LinkedHashMap<>();
        for (Device device : devices) {
            for (StageRow stage : stages) {
                if (stage.deviceProperty().get().equals(device)) {
                    byDevice.computeIfAbsent(device.name(), k -> new ArrayList<>())
                            .add(stage.index() + 1);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        byDevice.forEach((device, indexes) -> parts.add(device + ": "
                + String.join(", ", indexes.stream().map(String::valueOf).toList())));
        return String.join(" · ", parts);
    }

    private long stageBytes(StageRow row) {
        ModelSummary summary = model.get();
        long total =
                summary.stageWeightBytes().stream().mapToLong(Long::longValue).sum();
        double share = total == 0 ? 0 : (double) row.weightBytes() / total;
        long cache = (long) (share * summary.kvCacheBytesPerToken() * summary.contextLength());
        return row.weightBytes() + cache;
    }

    private void estimate() {
        Map<Device, Long> bytes = new LinkedHashMap<>();
        for (StageRow row : stages) {
            Device device = row.deviceProperty().get();
            bytes.merge(device, stageBytes(row), Long::sum);
        }
        List<DeviceLoad> out = new ArrayList<>();
        bytes.forEach((device, need) -> out.add(new DeviceLoad(device, need + WORKSPACE_BYTES)));
        loads.setAll(out);
    }

    private Device cpu() {
        return devices.stream()
                .filter(d -> !d.gpu())
                .findFirst()
                .orElseGet(() -> new Device("cpu", "CPU", 0, 0, false));
    }

    public ObservableList<Device> devices() {
        return devices;
    }

    public ObservableList<StageRow> stages() {
        return stages;
    }

    public ObservableList<DeviceLoad> loads() {
        return loads;
    }

    public ObjectProperty<ModelSummary> modelProperty() {
        return model;
    }

    /** Whether every device can hold what the placement puts on it. */
    public BooleanBinding fitsProperty() {
        return fits;
    }

    public BooleanBinding hasGpuProperty() {
        return hasGpu;
    }
}
