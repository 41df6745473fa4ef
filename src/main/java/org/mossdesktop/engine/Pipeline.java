// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.mossdesktop.i18n.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model's stages chained through hidden states: token ids in, last-position logits out.
 *
 * <p>A decode step (one token) allocates nothing: its inputs, the hidden states passed between stages and the
 * logits live in buffers made at load time, bound as ONNX Runtime inputs and pinned outputs and rewritten in
 * place; the KV cache is updated in place by the attention kernel. Not thread-safe: one generation at a time.
 *
 * <p>The stages run one of two ways, all alike. Plain: {@code OrtSession.run} with the cache in host memory, which
 * on a GPU means copying the whole cache to the card and back at every step. Bound ({@link OrtIoBinding}, through
 * ONNX Runtime's C API): the cache lives on each stage's device; only the token, its position, the hidden state
 * between stages and the logits cross (docs/PERFORMANCE.md, "GPU"). {@link PipelineOptions#ioBinding()} chooses;
 * where binding is asked for but the C API cannot be used, the pipeline runs plain and says why in
 * {@link #bindingFallback()}.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final ModelManifest manifest;
    private final List<Stage> stages;
    private final Arena arena;
    private final int capacity;
    private final OrtEnvironment env;

    private final OnnxTensor seqlensK;
    private final IntBuffer seqlensKBuffer;
    private final OnnxTensor totalLength;
    private final IntBuffer totalLengthBuffer;
    private final OnnxTensor logits;
    private final FloatBuffer logitsBuffer;
    private final float[] logitsArray;

    // The one-token step: ids and positions rewritten per step, hidden states pinned between stages.
    private final OnnxTensor stepIds;
    private final LongBuffer stepIdsBuffer;
    private final OnnxTensor stepPositions;
    private final LongBuffer stepPositionsBuffer;
    private final List<Map<String, OnnxTensor>> stepInputs = new ArrayList<>();
    private final List<Map<String, OnnxValue>> stepOutputs = new ArrayList<>();
    private final List<OnnxTensor> stepHidden = new ArrayList<>();

    private final boolean bound;
    private final Optional<String> bindingFallback;
    private long runNanos;
    private boolean closed;

    private Pipeline(
            ModelManifest manifest,
            List<Stage> stages,
            Arena arena,
            int capacity,
            OrtEnvironment env,
            Optional<String> bindingFallback)
            throws OrtException {
        this.manifest = manifest;
        this.stages = stages;
        this.arena = arena;
        this.capacity = capacity;
        this.env = env;
        this.bound = stages.getFirst().isBound();
        this.bindingFallback = bindingFallback;
        ModelArchitecture a = manifest.architecture();
        seqlensKBuffer = direct(Integer.BYTES).asIntBuffer();
        seqlensK = OnnxTensor.createTensor(env, seqlensKBuffer, new long[] {1});
        totalLengthBuffer = direct(Integer.BYTES).asIntBuffer();
        totalLength = OnnxTensor.createTensor(env, totalLengthBuffer, new long[] {});
        logitsBuffer = direct((long) a.vocabSize() * Float.BYTES).asFloatBuffer();
        logits = OnnxTensor.createTensor(env, logitsBuffer, new long[] {1, 1, a.vocabSize()});
        logitsArray = new float[a.vocabSize()];
        stepIdsBuffer = direct(Long.BYTES).asLongBuffer();
        stepIds = OnnxTensor.createTensor(env, stepIdsBuffer, new long[] {1, 1});
        stepPositionsBuffer = direct(Long.BYTES).asLongBuffer();
        stepPositions = OnnxTensor.createTensor(env, stepPositionsBuffer, new long[] {1, 1});
        if (bound) {
            // Everything else a bound stage writes is bound at load (Stage); the logits go to host memory.
            stages.getLast().binding().bindOutput(Stage.LOGITS, logits);
            return;
        }
        OnnxTensor previous = stepIds;
        for (Stage stage : stages) {
            Map<String, OnnxTensor> inputs = commonInputs(stage, previous, stepPositions);
            Map<String, OnnxValue> outputs = new HashMap<>(stage.pinnedCache);
            if (stage.spec.hasHead()) {
                outputs.put(Stage.LOGITS, logits);
            } else {
                ByteBuffer hidden = direct((long) a.nEmbd() * manifest.dtype().bytes());
                previous = OnnxTensor.createTensor(
                        env,
                        hidden,
                        new long[] {1, 1, a.nEmbd()},
                        manifest.dtype().onnxType());
                stepHidden.add(previous);
                outputs.put(Stage.HIDDEN_OUT, previous);
            }
            stepInputs.add(inputs);
            stepOutputs.add(outputs);
        }
    }

    /**
     * Loads every stage on the device {@code plan} gives it. The plan is validated first; asking for a GPU
     * without the CUDA provider is an error, never a quiet fall back to the CPU.
     *
     * @throws UserFacingException when the plan is invalid or a stage cannot be loaded
     */
    public static Pipeline load(
            ModelDirectory model, PlacementPlan plan, DeviceInventory inventory, PipelineOptions options) {
        return load(model, plan, inventory, options, OrtCApi::shared, LoadProgress.NONE);
    }

    /** {@link #load} with the C API to bind through (tests: one that refuses). */
    static Pipeline load(
            ModelDirectory model,
            PlacementPlan plan,
            DeviceInventory inventory,
            PipelineOptions options,
            Supplier<OrtCApi> cApi,
            LoadProgress progress) {
        ModelManifest manifest = model.manifest();
        int capacity = options.contextLength(manifest.architecture());
        plan.validate(manifest, inventory, capacity);
        boolean anyGpu = false;
        for (int k = 0; k < plan.devices().size(); k++) {
            Device device = plan.deviceOf(k);
            if (device.kind() == Device.Kind.CUDA) {
                anyGpu = true;
                if (!OrtLoader.availableProviders().contains(OrtProvider.CUDA)) {
                    throw new UserFacingException("engine.cuda.unavailable", String.valueOf(k), device.id());
                }
            }
        }
        boolean bind = switch (options.ioBinding()) {
            case AUTO -> anyGpu;
            case ALWAYS -> true;
            case NEVER -> false;
        };
        if (!bind) {
            return load(model, plan, options, capacity, Optional.empty(), Optional.empty(), progress);
        }
        OrtCApi api = cApi.get();
        String reason;
        if (api.isAvailable()) {
            try {
                return load(model, plan, options, capacity, Optional.of(api), Optional.empty(), progress);
            } catch (OrtCApi.CallFailed e) {
                reason = e.getMessage();
            }
        } else {
            reason = api.unavailableReason().orElseThrow();
        }
        LOG.warn(
                "The KV cache cannot stay on the stages' devices ({}): running without IoBinding, which copies the"
                        + " whole cache through host memory at every step on a GPU",
                reason);
        return load(model, plan, options, capacity, Optional.empty(), Optional.of(reason), progress);
    }

    private static Pipeline load(
            ModelDirectory model,
            PlacementPlan plan,
            PipelineOptions options,
            int capacity,
            Optional<OrtCApi> api,
            Optional<String> bindingFallback,
            LoadProgress progress) {
        ModelManifest manifest = model.manifest();
        OrtEnvironment env = OrtLoader.environment();
        Arena arena = Arena.ofShared();
        List<Stage> stages = new ArrayList<>();
        try {
            for (StageSpec spec : manifest.stages()) {
                Device device = plan.deviceOf(spec.index());
                try (OrtCUDAProviderOptions cuda = cudaOptions(device, options.cuda());
                        OrtSession.SessionOptions sessionOptions = sessionOptions(device, options, cuda)) {
                    stages.add(Stage.load(env, model, spec, device, sessionOptions, capacity, arena, api));
                }
                progress.stageLoaded(spec.index(), manifest.stages().size(), spec.weightBytes());
            }
            return new Pipeline(manifest, List.copyOf(stages), arena, capacity, env, bindingFallback);
        } catch (OrtException | RuntimeException e) {
            stages.forEach(Stage::releaseBinding);
            stages.forEach(Stage::close);
            arena.close();
            if (e instanceof UserFacingException u) {
                throw u;
            }
            if (e instanceof OrtCApi.CallFailed f) {
                throw f;
            }
            throw new UserFacingException(
                    e, "engine.model.unreadable", model.path().toString(), e.getMessage());
        }
    }

    /** The CUDA provider's options for a stage on a GPU; null for the CPU. */
    private static OrtCUDAProviderOptions cudaOptions(Device device, CudaOptions options) throws OrtException {
        if (device.kind() != Device.Kind.CUDA) {
            return null;
        }
        OrtCUDAProviderOptions cuda;
        try {
            cuda = new OrtCUDAProviderOptions(device.index());
        } catch (OrtException e) {
            throw new UserFacingException(e, "engine.cuda.failed", device.id(), e.getMessage());
        }
        try {
            for (Map.Entry<String, String> option :
                    options.providerOptions(device.index()).entrySet()) {
                cuda.add(option.getKey(), option.getValue());
            }
            return cuda;
        } catch (OrtException | RuntimeException e) {
            cuda.close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(
            Device device, PipelineOptions options, OrtCUDAProviderOptions cuda) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setInterOpNumThreads(1);
            if (options.intraOpThreads() > 0) {
                o.setIntraOpNumThreads(options.intraOpThreads());
            }
            // Idle ONNX Runtime threads spin by default. With a session per stage, the threads of the stage that
            // just ran spin while the next one works and steal its cores; on a busy desktop they steal from
            // everything. Measured on the shared 2-core machine: see docs/PERFORMANCE.md.
            o.addConfigEntry("session.intra_op.allow_spinning", options.spinning() ? "1" : "0");
            if (cuda != null) {
                try {
                    o.addCUDA(cuda);
                } catch (OrtException e) {
                    throw new UserFacingException(e, "engine.cuda.failed", device.id(), e.getMessage());
                }
            }
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    /**
     * Runs {@code tokens[from..to)} at positions {@code past..past+(to-from)} through every stage, over a cache
     * holding valid keys and values for positions {@code 0..past}. Returns the logits of the last position:
     * an array owned by the pipeline, overwritten by the next call.
     */
    public float[] forward(int[] tokens, int from, int to, int past) {
        int count = to - from;
        if (count < 1 || past < 0 || past + count > capacity) {
            throw new IllegalArgumentException(
                    "cannot run " + count + " tokens after " + past + " in a context of " + capacity);
        }
        seqlensKBuffer.put(0, past + count - 1);
        totalLengthBuffer.put(0, past + count);
        try {
            if (count == 1 && bound) {
                stepBound(tokens[from], past);
            } else if (count == 1) {
                step(tokens[from], past);
            } else if (bound) {
                prefillBound(tokens, from, to, past);
            } else {
                prefill(tokens, from, to, past);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
        logitsBuffer.get(0, logitsArray);
        return logitsArray;
    }

    private void step(int token, int position) throws OrtException {
        stepIdsBuffer.put(0, token);
        stepPositionsBuffer.put(0, position);
        for (int k = 0; k < stages.size(); k++) {
            long start = System.nanoTime();
            stages.get(k).run(stepInputs.get(k), Set.of(), stepOutputs.get(k)).close();
            runNanos += System.nanoTime() - start;
        }
    }

    private void prefill(int[] tokens, int from, int to, int past) throws OrtException {
        int count = to - from;
        long[] ids = new long[count];
        long[] positions = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = tokens[from + i];
            positions[i] = past + i;
        }
        long[] shape = {1, count};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor positionTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), shape)) {
            OrtSession.Result previous = null;
            OnnxTensor hidden = idTensor;
            try {
                for (Stage stage : stages) {
                    Map<String, OnnxTensor> inputs = commonInputs(stage, hidden, positionTensor);
                    Map<String, OnnxValue> pinned = new HashMap<>(stage.pinnedCache);
                    Set<String> requested;
                    if (stage.spec.hasHead()) {
                        pinned.put(Stage.LOGITS, logits);
                        requested = Set.of();
                    } else {
                        requested = Set.of(Stage.HIDDEN_OUT); // [1, S, E]: its size varies, so ORT allocates it
                    }
                    long start = System.nanoTime();
                    OrtSession.Result result = stage.run(inputs, requested, pinned);
                    runNanos += System.nanoTime() - start;
                    if (previous != null) {
                        previous.close();
                    }
                    previous = result;
                    hidden = stage.spec.hasHead()
                            ? null
                            : (OnnxTensor) result.get(Stage.HIDDEN_OUT).orElseThrow();
                }
            } finally {
                if (previous != null) {
                    previous.close();
                }
            }
        }
    }

    private void stepBound(int token, int position) {
        stepIdsBuffer.put(0, token);
        stepPositionsBuffer.put(0, position);
        for (Stage stage : stages) {
            bindDecodeInputs(stage);
            long start = System.nanoTime();
            stage.binding().run();
            runNanos += System.nanoTime() - start;
        }
    }

    /**
     * Binds a stage's one-token inputs. Bound again before every step although the tensors stay the same: an input
     * on another device than the stage's is copied when it is bound, not when the stage runs.
     */
    private void bindDecodeInputs(Stage stage) {
        OrtIoBinding binding = stage.binding();
        if (stage.spec.hasEmbedding()) {
            binding.bindInput(Stage.INPUT_IDS, stepIds);
        } else {
            binding.bindInput(
                    Stage.HIDDEN_IN, stages.get(stage.spec.index() - 1).hiddenOut());
        }
        bindCommonInputs(binding, stepPositions);
    }

    private void bindCommonInputs(OrtIoBinding binding, OnnxTensor positions) {
        binding.bindInput(Stage.POSITION_IDS, positions);
        binding.bindInput(Stage.SEQLENS_K, seqlensK);
        binding.bindInput(Stage.TOTAL_SEQUENCE_LENGTH, totalLength);
    }

    private void prefillBound(int[] tokens, int from, int to, int past) throws OrtException {
        int count = to - from;
        long[] ids = new long[count];
        long[] positions = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = tokens[from + i];
            positions[i] = past + i;
        }
        long[] shape = {1, count};
        NativeTensor hidden = null; // the previous stage's [1, S, E] output, on its device
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor positionTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), shape)) {
            for (Stage stage : stages) {
                OrtIoBinding binding = stage.binding();
                if (stage.spec.hasEmbedding()) {
                    binding.bindInput(Stage.INPUT_IDS, idTensor);
                } else {
                    binding.bindInput(Stage.HIDDEN_IN, hidden);
                }
                bindCommonInputs(binding, positionTensor);
                if (!stage.spec.hasHead()) {
                    binding.bindOutputToDevice(Stage.HIDDEN_OUT, stage.memory()); // its size varies
                }
                long start = System.nanoTime();
                binding.run();
                runNanos += System.nanoTime() - start;
                NativeTensor out = stage.spec.hasHead() ? null : binding.takeOutput(Stage.HIDDEN_OUT);
                if (hidden != null) {
                    hidden.close();
                }
                hidden = out;
            }
        } finally {
            if (hidden != null) {
                hidden.close();
            }
            // Back to the decode step's tensors, so no binding refers to the prefill's, which are gone.
            for (Stage stage : stages) {
                if (!stage.spec.hasHead()) {
                    stage.binding().bindOutput(Stage.HIDDEN_OUT, stage.hiddenOut());
                }
                bindDecodeInputs(stage);
            }
        }
    }

    private Map<String, OnnxTensor> commonInputs(Stage stage, OnnxTensor idsOrHidden, OnnxTensor positions) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put(stage.spec.hasEmbedding() ? Stage.INPUT_IDS : Stage.HIDDEN_IN, idsOrHidden);
        inputs.put(Stage.POSITION_IDS, positions);
        inputs.put(Stage.SEQLENS_K, seqlensK);
        inputs.put(Stage.TOTAL_SEQUENCE_LENGTH, totalLength);
        stage.addCacheInputs(inputs);
        return inputs;
    }

    private static ByteBuffer direct(long bytes) {
        return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
    }

    /** How many tokens the KV cache holds: prompt and reply together. */
    public int capacity() {
        return capacity;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The device of each stage, in order. */
    public List<Device> devices() {
        return stages.stream().map(s -> s.device).toList();
    }

    /** Nanoseconds spent inside {@code OrtSession.run} since the pipeline was loaded (for overhead figures). */
    public long runNanos() {
        return runNanos;
    }

    /** Whether the stages run through IoBindings, each keeping its KV cache on its own device. */
    public boolean isBound() {
        return bound;
    }

    /**
     * Why the stages run plain although {@link PipelineOptions#ioBinding()} asked for binding (on a GPU: every
     * step copies the KV cache through host memory); empty when nothing fell back.
     */
    public Optional<String> bindingFallback() {
        return bindingFallback;
    }

    List<Stage> stages() {
        return stages;
    }

    /** Releases the sessions and every buffer; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stages.forEach(Stage::releaseBinding); // bindings refer to other stages' hidden states: all go first
        stages.forEach(Stage::close);
        stepHidden.forEach(OnnxTensor::close);
        for (OnnxTensor t : List.of(seqlensK, totalLength, logits, stepIds, stepPositions)) {
            t.close();
        }
        arena.close();
    }
}
