// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.lang.foreign.Arena;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mossdesktop.i18n.UserFacingException;

/**
 * One pipeline stage: its ONNX Runtime session on its device, and the KV cache of its layers. The cache is one
 * buffer per layer for keys and one for values, {@code [1, H, C, D]}, passed as {@code past_key_values.*} and
 * bound as the {@code present.*} output, so attention writes the new positions in place
 * (docs/decisions/0001-in-place-kv-cache.md).
 *
 * <p>A stage runs one of two ways. Plain: the cache is host memory, passed to {@code OrtSession.run} as inputs
 * and pinned outputs. Bound: the cache is allocated on the stage's device through ONNX Runtime's C API and bound
 * once, as input and output, to the stage's {@link OrtIoBinding}; the pipeline binds the small inputs and runs.
 */
final class Stage implements AutoCloseable {

    static final String INPUT_IDS = "input_ids";
    static final String HIDDEN_IN = "hidden_states_in";
    static final String HIDDEN_OUT = "hidden_states_out";
    static final String POSITION_IDS = "position_ids";
    static final String SEQLENS_K = "seqlens_k";
    static final String TOTAL_SEQUENCE_LENGTH = "total_sequence_length";
    static final String LOGITS = "logits";

    final StageSpec spec;
    final Device device;
    private final OrtSession session;
    // Plain: host memory; empty when bound.
    private final OnnxTensor[] keys;
    private final OnnxTensor[] values;
    /** {@code present.*} → the cache buffers: the same tensors as the {@code past_key_values.*} inputs. */
    final Map<String, OnnxValue> pinnedCache = new HashMap<>();
    // Bound: null when plain.
    private final OrtDeviceMemory memory;
    private final List<NativeTensor> deviceCache;
    private final NativeTensor hiddenOut;
    private final OrtIoBinding binding;

    private Stage(StageSpec spec, Device device, OrtSession session, OnnxTensor[] keys, OnnxTensor[] values) {
        this.spec = spec;
        this.device = device;
        this.session = session;
        this.keys = keys;
        this.values = values;
        for (int i = 0; i < keys.length; i++) {
            int layer = spec.firstLayer() + i;
            pinnedCache.put("present." + layer + ".key", keys[i]);
            pinnedCache.put("present." + layer + ".value", values[i]);
        }
        this.memory = null;
        this.deviceCache = List.of();
        this.hiddenOut = null;
        this.binding = null;
    }

    private Stage(
            StageSpec spec,
            Device device,
            OrtSession session,
            OrtDeviceMemory memory,
            List<NativeTensor> deviceCache,
            NativeTensor hiddenOut,
            OrtIoBinding binding) {
        this.spec = spec;
        this.device = device;
        this.session = session;
        this.keys = new OnnxTensor[0];
        this.values = new OnnxTensor[0];
        this.memory = memory;
        this.deviceCache = List.copyOf(deviceCache);
        this.hiddenOut = hiddenOut;
        this.binding = binding;
    }

    /**
     * Loads the stage's graph on its device. Plain ({@code api} empty): its cache is allocated in {@code arena}.
     * Bound: on the stage's device through {@code api}, and bound to a new IoBinding.
     */
    static Stage load(
            OrtEnvironment env,
            ModelDirectory model,
            StageSpec spec,
            Device device,
            OrtSession.SessionOptions options,
            int capacity,
            Arena arena,
            Optional<OrtCApi> api) {
        String file = model.stageFile(spec).toString();
        OrtSession session;
        try {
            session = env.createSession(file, options);
        } catch (OrtException e) {
            throw new UserFacingException(e, "engine.model.unreadable", file, e.getMessage());
        }
        try {
            checkInterface(session, spec, model.manifest(), file);
            ModelArchitecture a = model.manifest().architecture();
            ModelDtype dtype = model.manifest().dtype();
            long[] shape = {1, a.nHead(), capacity, a.headDim()};
            if (api.isPresent()) {
                return bound(api.get(), spec, device, session, shape, new long[] {1, 1, a.nEmbd()}, dtype);
            }
            long bytes = (long) a.nHead() * capacity * a.headDim() * dtype.bytes();
            OnnxTensor[] keys = new OnnxTensor[spec.layerCount()];
            OnnxTensor[] values = new OnnxTensor[spec.layerCount()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = cacheTensor(env, arena, bytes, shape, dtype);
                values[i] = cacheTensor(env, arena, bytes, shape, dtype);
            }
            return new Stage(spec, device, session, keys, values);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof UserFacingException u) {
                throw u;
            }
            if (e instanceof OrtCApi.CallFailed f) {
                throw f; // the pipeline falls back to the plain run
            }
            throw new UserFacingException(e, "engine.model.unreadable", file, e.getMessage());
        }
    }

    /**
     * A bound stage: its cache, and the one-token hidden state it passes on, in its device's memory, bound as
     * outputs (and the cache as inputs) once for the life of the stage.
     */
    private static Stage bound(
            OrtCApi api,
            StageSpec spec,
            Device device,
            OrtSession session,
            long[] cacheShape,
            long[] hiddenShape,
            ModelDtype dtype) {
        OrtDeviceMemory memory = OrtDeviceMemory.of(api, session, device);
        List<NativeTensor> cache = new ArrayList<>();
        NativeTensor hiddenOut = null;
        OrtIoBinding binding = null;
        try {
            binding = OrtIoBinding.create(api, session);
            for (int layer = spec.firstLayer(); layer < spec.endLayer(); layer++) {
                for (String part : new String[] {"key", "value"}) {
                    // Uninitialised: attention reads only positions it has written.
                    NativeTensor buffer = memory.allocate(cacheShape, dtype);
                    cache.add(buffer);
                    binding.bindInput("past_key_values." + layer + "." + part, buffer);
                    binding.bindOutput("present." + layer + "." + part, buffer);
                }
            }
            if (!spec.hasHead()) {
                hiddenOut = memory.allocate(hiddenShape, dtype);
                binding.bindOutput(HIDDEN_OUT, hiddenOut);
            }
            return new Stage(spec, device, session, memory, cache, hiddenOut, binding);
        } catch (RuntimeException e) {
            if (binding != null) {
                binding.close();
            }
            cache.forEach(NativeTensor::close);
            if (hiddenOut != null) {
                hiddenOut.close();
            }
            memory.close();
            throw e;
        }
    }

    // Arena memory, not ByteBuffer.allocateDirect: MOSS's cache is 1.7 GB, beyond the JVM's default direct-memory
    // limit, and it should be freed when the model is unloaded, not when the GC gets round to it. It starts zeroed.
    private static OnnxTensor cacheTensor(OrtEnvironment env, Arena arena, long bytes, long[] shape, ModelDtype dtype)
            throws OrtException {
        var buffer = arena.allocate(bytes, 64).asByteBuffer().order(ByteOrder.nativeOrder());
        return OnnxTensor.createTensor(env, buffer, shape, dtype.onnxType());
    }

    /** Adds this stage's cache inputs to {@code inputs}. */
    void addCacheInputs(Map<String, OnnxTensor> inputs) {
        for (int i = 0; i < keys.length; i++) {
            int layer = spec.firstLayer() + i;
            inputs.put("past_key_values." + layer + ".key", keys[i]);
            inputs.put("past_key_values." + layer + ".value", values[i]);
        }
    }

    OrtSession.Result run(Map<String, OnnxTensor> inputs, Set<String> requested, Map<String, OnnxValue> pinned)
            throws OrtException {
        return session.run(inputs, requested, pinned);
    }

    boolean isBound() {
        return binding != null;
    }

    /** The stage's IoBinding, its cache bound; only when {@link #isBound()}. */
    OrtIoBinding binding() {
        return binding;
    }

    /** The stage's device memory; only when {@link #isBound()}. */
    OrtDeviceMemory memory() {
        return memory;
    }

    /** The bound cache buffers, keys and values of each layer in turn; empty when plain. */
    List<NativeTensor> deviceCache() {
        return deviceCache;
    }

    /** Bound, not the last stage: the one-token hidden state this stage writes at each decode step. */
    NativeTensor hiddenOut() {
        return hiddenOut;
    }

    /**
     * Releases the IoBinding. Before {@link #close()}, and for every stage before any closes: a binding holds
     * references to tensors of other stages (the hidden state), whose allocators must outlive them.
     */
    void releaseBinding() {
        if (binding != null) {
            binding.close();
        }
    }

    @Override
    public void close() {
        releaseBinding();
        deviceCache.forEach(NativeTensor::close);
        if (hiddenOut != null) {
            hiddenOut.close();
        }
        if (memory != null) {
            memory.close();
        }
        closeQuietly(session);
        for (int i = 0; i < keys.length; i++) {
            keys[i].close();
            values[i].close();
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing a session only fails if it was closed already.
        }
    }

    /** The graph must have exactly the inputs and outputs of the stage graph interface, in the manifest's shapes. */
    private static void checkInterface(OrtSession session, StageSpec spec, ModelManifest manifest, String file)
            throws OrtException {
        ModelArchitecture a = manifest.architecture();
        Set<String> inputs = new LinkedHashSet<>();
        inputs.add(spec.hasEmbedding() ? INPUT_IDS : HIDDEN_IN);
        inputs.add(POSITION_IDS);
        inputs.add(SEQLENS_K);
        inputs.add(TOTAL_SEQUENCE_LENGTH);
        Set<String> outputs = new LinkedHashSet<>();
        outputs.add(spec.hasHead() ? LOGITS : HIDDEN_OUT);
        for (int layer = spec.firstLayer(); layer < spec.endLayer(); layer++) {
            inputs.add("past_key_values." + layer + ".key");
            inputs.add("past_key_values." + layer + ".value");
            outputs.add("present." + layer + ".key");
            outputs.add("present." + layer + ".value");
        }
        Map<String, NodeInfo> inputInfo = session.getInputInfo();
        Map<String, NodeInfo> outputInfo = session.getOutputInfo();
        if (!inputInfo.keySet().equals(inputs)) {
            throw mismatch(file, "inputs " + inputInfo.keySet() + ", expected " + inputs);
        }
        if (!outputInfo.keySet().equals(outputs)) {
            throw mismatch(file, "outputs " + outputInfo.keySet() + ", expected " + outputs);
        }
        long[] cache = {-1, a.nHead(), -1, a.headDim()};
        for (String name : inputs) {
            if (name.startsWith("past_key_values.")) {
                checkShape(file, name, inputInfo.get(name), cache, manifest.dtype());
            }
        }
        if (!spec.hasEmbedding()) {
            checkShape(file, HIDDEN_IN, inputInfo.get(HIDDEN_IN), new long[] {-1, -1, a.nEmbd()}, manifest.dtype());
        }
        if (spec.hasHead()) {
            checkShape(file, LOGITS, outputInfo.get(LOGITS), new long[] {-1, -1, a.vocabSize()}, ModelDtype.FP32);
        } else {
            checkShape(file, HIDDEN_OUT, outputInfo.get(HIDDEN_OUT), new long[] {-1, -1, a.nEmbd()}, manifest.dtype());
        }
    }

    /** {@code expected} dims of -1 accept anything; the graph's symbolic dims (-1) accept any expected value. */
    private static void checkShape(String file, String name, NodeInfo info, long[] expected, ModelDtype dtype) {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            throw mismatch(file, name + " is not a tensor");
        }
        if (tensor.type != dtype.onnxType()) {
            throw mismatch(file, name + " has type " + tensor.type + ", the manifest says " + dtype.manifestName());
        }
        long[] shape = tensor.getShape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expected[i] < 0 || shape[i] < 0 || expected[i] == shape[i];
        }
        if (!ok) {
            throw mismatch(
                    file,
                    name + " has shape " + java.util.Arrays.toString(shape) + ", expected "
                            + java.util.Arrays.toString(expected).replace("-1", "?"));
        }
    }

    private static UserFacingException mismatch(String file, String detail) {
        return new UserFacingException("engine.model.graphMismatch", file, detail);
    }
}
