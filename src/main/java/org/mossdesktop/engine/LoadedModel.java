// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.mossdesktop.i18n.Messages;

/** A model ready to generate: its directory, tokenizer, pipeline on its devices, and generator thread. */
public final class LoadedModel implements AutoCloseable {

    private final ModelDirectory directory;
    private final Tokenizer tokenizer;
    private final Pipeline pipeline;
    private final Generator generator;
    private final List<MemoryEstimate> memory;

    private LoadedModel(ModelDirectory directory, Tokenizer tokenizer, Pipeline pipeline, List<MemoryEstimate> memory) {
        this.directory = directory;
        this.tokenizer = tokenizer;
        this.pipeline = pipeline;
        this.generator = new Generator(pipeline, tokenizer);
        this.memory = List.copyOf(memory);
    }

    /**
     * Loads {@code directory} with {@code plan}.
     *
     * @param nativeCache where DJL may unpack its native tokenizer library (the app's data directory)
     * @throws org.mossdesktop.i18n.UserFacingException when the model or the plan is not usable
     */
    public static LoadedModel load(
            ModelDirectory directory,
            PlacementPlan plan,
            DeviceInventory inventory,
            PipelineOptions options,
            Optional<Path> nativeCache) {
        return load(directory, plan, inventory, options, nativeCache, LoadProgress.NONE);
    }

    /** {@link #load} that reports each stage to {@code progress} as soon as it has loaded. */
    public static LoadedModel load(
            ModelDirectory directory,
            PlacementPlan plan,
            DeviceInventory inventory,
            PipelineOptions options,
            Optional<Path> nativeCache,
            LoadProgress progress) {
        return load(directory, plan, inventory, options, nativeCache, OrtCApi::shared, progress);
    }

    /** {@link #load} with the C API the pipeline binds through (tests: one that refuses). */
    static LoadedModel load(
            ModelDirectory directory,
            PlacementPlan plan,
            DeviceInventory inventory,
            PipelineOptions options,
            Optional<Path> nativeCache,
            Supplier<OrtCApi> cApi,
            LoadProgress progress) {
        int context = options.contextLength(directory.manifest().architecture());
        List<MemoryEstimate> memory = plan.validate(directory.manifest(), inventory, context);
        Tokenizer tokenizer = Tokenizer.load(directory, nativeCache);
        try {
            Pipeline pipeline = Pipeline.load(directory, plan, inventory, options, cApi, progress);
            return new LoadedModel(directory, tokenizer, pipeline, memory);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Loads {@code directory} with every stage on the CPU. */
    public static LoadedModel loadOnCpu(ModelDirectory directory, PipelineOptions options, Optional<Path> nativeCache) {
        DeviceInventory cpuOnly = DeviceInventory.cpuOnly();
        return load(
                directory,
                PlacementPlan.allOn(cpuOnly.cpu(), directory.manifest().stages().size()),
                cpuOnly,
                options,
                nativeCache);
    }

    public ModelDirectory directory() {
        return directory;
    }

    public ModelManifest manifest() {
        return directory.manifest();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Generator generator() {
        return generator;
    }

    /** For benchmarks: time inside ONNX Runtime, devices. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Something the user should know about how the model runs, for the status bar, in the current language: that
     * the GPU stages run without IoBinding, copying the KV cache at every step, and why. Empty when all is well.
     */
    public Optional<String> warning() {
        return pipeline.bindingFallback().map(reason -> Messages.get("gpu.binding.fallback", reason));
    }

    /** The memory estimate per device the plan was validated with. */
    public List<MemoryEstimate> memory() {
        return memory;
    }

    @Override
    public void close() {
        generator.close();
        pipeline.close();
        tokenizer.close();
    }
}
