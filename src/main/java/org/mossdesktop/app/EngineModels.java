// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.mossdesktop.engine.DeviceInventory;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.MemoryEstimate;
import org.mossdesktop.engine.ModelDirectory;
import org.mossdesktop.engine.ModelManifest;
import org.mossdesktop.engine.PipelineOptions;
import org.mossdesktop.engine.PlacementPlan;
import org.mossdesktop.engine.StageSpec;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.ui.settings.ModelControl;

/**
 * The settings' model panel on the engine: manifests read with {@link ModelDirectory}, devices from
 * {@link DeviceInventory} (nvidia-smi, detected once in the background at start), models loaded with
 * {@link LoadedModel} on a loading thread. The loaded model goes to {@code onLoaded} (the chat service).
 */
final class EngineModels implements ModelControl {

    private static final long LOADER_STACK = 16L << 20;

    private final CompletableFuture<DeviceInventory> inventory = CompletableFuture.supplyAsync(DeviceInventory::detect);
    private final Optional<Path> nativeCache;
    private final Consumer<Optional<LoadedModel>> onLoaded;
    private LoadedModel loaded;

    EngineModels(Path nativeCache, Consumer<Optional<LoadedModel>> onLoaded) {
        this.nativeCache = Optional.of(nativeCache);
        this.onLoaded = onLoaded;
    }

    @Override
    public ModelSummary inspect(Path directory) {
        return summary(ModelDirectory.open(directory).manifest());
    }

    static ModelSummary summary(ModelManifest manifest) {
        int context = manifest.architecture().nPositions();
        // The engine's own estimate for the whole model on one device gives the cache per token.
        List<MemoryEstimate> all = PlacementPlan.allOn(
                        org.mossdesktop.engine.Device.cpu(Long.MAX_VALUE),
                        manifest.stages().size())
                .estimate(manifest, context);
        long kv = all.stream().mapToLong(MemoryEstimate::kvCacheBytes).sum();
        return new ModelSummary(
                manifest.name(),
                manifest.demo(),
                manifest.plugin(),
                manifest.stages().stream().map(StageSpec::weightBytes).toList(),
                context,
                context == 0 ? 0 : kv / context,
                manifest.generationDefaults());
    }

    @Override
    public CompletableFuture<List<Device>> devices() {
        return inventory.thenApply(found -> {
            List<Device> out = new ArrayList<>();
            for (org.mossdesktop.engine.Device d : found.devices()) {
                boolean gpu = d.kind() == org.mossdesktop.engine.Device.Kind.CUDA;
                String name = gpu ? "GPU " + d.index() + " · " + d.name() : "CPU";
                out.add(new Device(d.id(), name, d.memoryBytes(), d.freeBytes(), gpu));
            }
            return out;
        });
    }

    @Override
    public void load(Path directory, Map<Integer, String> placement, LoadProgress progress) {
        // Loading runs native code (the tokenizer, ONNX Runtime's session set-up) that overflows a default
        // 1 MiB thread stack: the CLI's generate crashed with SIGSEGV here until given -Xss8m.
        Thread.ofPlatform()
                .name("model-loader")
                .daemon()
                .stackSize(LOADER_STACK)
                .start(() -> {
                    try {
                        ModelDirectory model = ModelDirectory.open(directory);
                        DeviceInventory devices = inventory.join();
                        List<org.mossdesktop.engine.Device> plan = new ArrayList<>();
                        for (int stage = 0; stage < model.manifest().stages().size(); stage++) {
                            String id = placement.getOrDefault(stage, "cpu");
                            plan.add(devices.find(id)
                                    .orElseThrow(() -> new UserFacingException("ui.settings.model.noDevice", id)));
                        }
                        LoadedModel next = LoadedModel.load(
                                model,
                                new PlacementPlan(plan),
                                devices,
                                PipelineOptions.DEFAULTS,
                                nativeCache,
                                progress::stageLoaded);
                        unload();
                        synchronized (this) {
                            loaded = next;
                        }
                        onLoaded.accept(Optional.of(next));
                        progress.loaded(summary(model.manifest()), next.warning());
                    } catch (UserFacingException e) {
                        progress.failed(e.getLocalizedMessage());
                    } catch (RuntimeException e) {
                        progress.failed(new UserFacingException(
                                        e, "ui.settings.model.loadFailed", String.valueOf(e.getMessage()))
                                .getLocalizedMessage());
                    }
                });
    }

    @Override
    public synchronized void unload() {
        if (loaded != null) {
            onLoaded.accept(Optional.empty());
            loaded.close();
            loaded = null;
        }
    }
}
