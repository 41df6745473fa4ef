// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * An ONNX Runtime IoBinding of one session: its inputs and outputs bound to tensors that stay where they are
 * between runs (the KV cache on the stage's device), then run. Binding replaces what a name was bound to before.
 * An input bound from another device is copied when it is bound, so inputs whose contents change are bound again
 * before every run.
 *
 * <p>Used by the generation thread only (the pipeline is not thread-safe); {@link #close()} releases the binding
 * and its run options exactly once.
 */
final class OrtIoBinding implements AutoCloseable {

    private final OrtCApi api;
    private final MemorySegment session;
    private final MemorySegment binding;
    private final MemorySegment runOptions;
    private final Arena names = Arena.ofShared();
    private final Map<String, MemorySegment> cNames = new HashMap<>();
    private boolean closed;

    private OrtIoBinding(OrtCApi api, MemorySegment session, MemorySegment binding, MemorySegment runOptions) {
        this.api = api;
        this.session = session;
        this.binding = binding;
        this.runOptions = runOptions;
    }

    static OrtIoBinding create(OrtCApi api, OrtSession session) {
        MemorySegment handle = api.handleOf(session);
        MemorySegment binding = api.createIoBinding(handle);
        try {
            return new OrtIoBinding(api, handle, binding, api.createRunOptions());
        } catch (RuntimeException e) {
            api.releaseIoBinding(binding);
            throw e;
        }
    }

    void bindInput(String name, OnnxTensor host) {
        api.bindInput(binding, name(name), api.handleOf(host));
    }

    void bindInput(String name, NativeTensor value) {
        api.bindInput(binding, name(name), value.handle());
    }

    void bindOutput(String name, OnnxTensor host) {
        api.bindOutput(binding, name(name), api.handleOf(host));
    }

    void bindOutput(String name, NativeTensor value) {
        api.bindOutput(binding, name(name), value.handle());
    }

    /** Lets ONNX Runtime allocate the output in {@code memory} at the next run (for outputs whose shape varies). */
    void bindOutputToDevice(String name, OrtDeviceMemory memory) {
        api.bindOutputToDevice(binding, name(name), memory.info());
    }

    /** Runs the session on what is bound and waits for its outputs. */
    void run() {
        if (closed) {
            throw new IllegalStateException("The binding is released");
        }
        api.runWithBinding(session, runOptions, binding);
    }

    /** The output {@code name} of the last run, owned by the caller. */
    NativeTensor takeOutput(String name) {
        NativeTensor taken = null;
        for (Map.Entry<String, MemorySegment> output : api.boundOutputs(binding)) {
            if (taken == null && output.getKey().equals(name)) {
                taken = new NativeTensor(api, output.getValue());
            } else {
                api.releaseValue(output.getValue());
            }
        }
        if (taken == null) {
            throw new IllegalArgumentException("No output " + name + " is bound");
        }
        return taken;
    }

    private MemorySegment name(String name) {
        MemorySegment c = cNames.get(name);
        if (c == null) {
            c = names.allocateFrom(name);
            cNames.put(name, c);
        }
        return c;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.releaseIoBinding(binding);
        api.releaseRunOptions(runOptions);
        names.close();
    }
}
