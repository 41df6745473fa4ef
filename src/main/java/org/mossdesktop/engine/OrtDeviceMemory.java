// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.onnxruntime.OrtSession;
import java.lang.foreign.MemorySegment;

/**
 * The memory of a stage's device as its session sees it: where its KV cache and bound outputs are allocated.
 * On a GPU that is the session's own CUDA allocator (its arena), so the cache counts against the same pool as
 * the kernels' workspace; on the CPU, ONNX Runtime's default allocator.
 */
final class OrtDeviceMemory implements AutoCloseable {

    private final OrtCApi api;
    private final MemorySegment info;
    private final MemorySegment allocator;
    private final boolean ownsAllocator;
    private boolean closed;

    private OrtDeviceMemory(OrtCApi api, MemorySegment info, MemorySegment allocator, boolean ownsAllocator) {
        this.api = api;
        this.info = info;
        this.allocator = allocator;
        this.ownsAllocator = ownsAllocator;
    }

    /** The memory of {@code device} for {@code session}, which must run on that device. */
    static OrtDeviceMemory of(OrtCApi api, OrtSession session, Device device) {
        if (device.kind() == Device.Kind.CPU) {
            return new OrtDeviceMemory(api, api.createCpuMemoryInfo(), api.defaultAllocator(), false);
        }
        MemorySegment info = api.createCudaMemoryInfo(device.index());
        try {
            return new OrtDeviceMemory(api, info, api.createAllocator(api.handleOf(session), info), true);
        } catch (RuntimeException e) {
            api.releaseMemoryInfo(info);
            throw e;
        }
    }

    /** An uninitialised tensor in this memory. */
    NativeTensor allocate(long[] shape, ModelDtype dtype) {
        return new NativeTensor(api, api.createTensor(allocator, shape, dtype));
    }

    /** The {@code OrtMemoryInfo*}, for binding outputs to this device. */
    MemorySegment info() {
        return info;
    }

    /** Release every tensor allocated here first: a GPU allocator must outlive its tensors. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsAllocator) {
            api.releaseAllocator(allocator);
        }
        api.releaseMemoryInfo(info);
    }
}
