// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.lang.foreign.MemorySegment;

/**
 * A tensor made through ONNX Runtime's C API, which ONNX Runtime Java cannot hold: one in GPU memory, or one
 * taken from an IoBinding's outputs. Released exactly once, on {@link #close()}.
 */
final class NativeTensor implements AutoCloseable {

    private final OrtCApi api;
    private final MemorySegment handle;
    private boolean closed;

    NativeTensor(OrtCApi api, MemorySegment handle) {
        this.api = api;
        this.handle = handle;
    }

    /** The {@code OrtValue*}. */
    MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException("The tensor is released");
        }
        return handle;
    }

    /** Where its data lives: "Cpu:0", "Cuda:1". */
    String location() {
        return api.location(handle());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            api.releaseValue(handle);
        }
    }
}
