// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.UserFacingException;

/**
 * A machine's devices as data, and model directories recognised by a {@code moss-onnx.json} file: enough to
 * drive the model and placement panels without ONNX Runtime. Loading reports each stage from a thread, and can
 * be held after its first stage to look at the window mid-load.
 */
public final class FakeModels implements ModelControl {

    public static final long GB = 1_000_000_000L;

    private final List<Long> stages;
    private final boolean demo;
    private volatile CountDownLatch gate;
    private volatile Optional<String> warning = Optional.empty();
    private CompletableFuture<List<Device>> found;
    private volatile Map<Integer, String> lastPlacement;

    public FakeModels(List<Device> devices, List<Long> stageBytes, boolean demo) {
        this.found = CompletableFuture.completedFuture(List.copyOf(devices));
        this.stages = List.copyOf(stageBytes);
        this.demo = demo;
    }

    public static Device cpu() {
        return new Device("cpu", "CPU", 64 * GB, 48 * GB, false);
    }

    public static Device gpu(int index, long totalGb, long freeGb) {
        return new Device("cuda:" + index, "NVIDIA H100 #" + index, totalGb * GB, freeGb * GB, true);
    }

    @Override
    public ModelSummary inspect(Path directory) {
        if (!Files.exists(directory.resolve("moss-onnx.json"))) {
            throw new UserFacingException("ui.settings.model.notAModel", directory);
        }
        return summary(directory.getFileName().toString());
    }

    public ModelSummary summary(String name) {
        return new ModelSummary(name, demo, false, stages, 2048, 786_432L * 2, GenerationSettings.MOSS_DEFAULTS);
    }

    @Override
    public CompletableFuture<List<Device>> devices() {
        return found;
    }

    /** Devices that are found only when {@code found} completes, as nvidia-smi may take a while. */
    public FakeModels foundLater(CompletableFuture<List<Device>> found) {
        this.found = found;
        return this;
    }

    /** What the next loads warn about, as the engine does when GPU stages run without IoBinding. */
    public void warnOnLoad(String message) {
        warning = Optional.of(message);
    }

    /** Makes the next loads stop after their first stage until {@link #release()}. */
    public void holdAfterFirstStage() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public void load(Path directory, Map<Integer, String> placement, LoadProgress progress) {
        lastPlacement = Map.copyOf(placement);
        CountDownLatch held = gate;
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < stages.size(); i++) {
                progress.stageLoaded(i, stages.size(), stages.get(i));
                if (i == 0 && held != null) {
                    try {
                        held.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            progress.loaded(summary(directory.getFileName().toString()), warning);
        });
    }

    /** The placement of the last load asked for, or null before any. */
    public Map<Integer, String> lastPlacement() {
        return lastPlacement;
    }

    @Override
    public void unload() {}
}
