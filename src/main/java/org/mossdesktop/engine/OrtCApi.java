// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtSession;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of ONNX Runtime's C API that ONNX Runtime Java lacks (IoBinding, tensors in device memory), called
 * through the Foreign Function &amp; Memory API on the native library the official jar loaded, with the very
 * sessions and tensors it created (their handles read by reflection).
 *
 * <p>Nothing here is guessed at run time: the library must report a version on {@link #TESTED_VERSIONS}, hand
 * out the function table of {@link #API_VERSION}, and be the library ONNX Runtime Java itself calls (the same
 * table). Otherwise {@link #isAvailable()} is false and {@link #unavailableReason()} says why, and the pipeline
 * runs the plain way. Every {@code OrtStatus} is checked: a failure becomes a {@link CallFailed} naming the
 * function and carrying ONNX Runtime's message. Every handle made here is counted, so tests can check that each
 * is released exactly once.
 */
final class OrtCApi {

    /** ONNX Runtime versions whose function table was checked against their C header (the indices below). */
    static final Set<String> TESTED_VERSIONS = Set.of("1.29.0");

    /** The function table asked for: {@code ORT_API_VERSION} of ONNX Runtime 1.29. */
    static final int API_VERSION = 29;

    // Indices into struct OrtApi (include/onnxruntime/core/session/onnxruntime_c_api.h). The struct only ever grows
    // at its end, so an index holds from the version that added it on. Counted in the header; 48, 49, 78 and 96
    // also checked against the calls libonnxruntime4j_jni.so itself makes (offset = index × 8).
    private static final int GET_ERROR_MESSAGE = 2;
    private static final int CREATE_RUN_OPTIONS = 39;
    private static final int CREATE_TENSOR_AS_ORT_VALUE = 48;
    private static final int CREATE_MEMORY_INFO = 68;
    private static final int CREATE_CPU_MEMORY_INFO = 69;
    private static final int MEMORY_INFO_GET_NAME = 71;
    private static final int MEMORY_INFO_GET_ID = 72;
    private static final int ALLOCATOR_FREE = 76;
    private static final int GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78;
    private static final int RELEASE_STATUS = 93;
    private static final int RELEASE_MEMORY_INFO = 94;
    private static final int RELEASE_VALUE = 96;
    private static final int RELEASE_RUN_OPTIONS = 97;
    private static final int CREATE_ALLOCATOR = 131;
    private static final int RELEASE_ALLOCATOR = 132;
    private static final int RUN_WITH_BINDING = 133;
    private static final int CREATE_IO_BINDING = 134;
    private static final int RELEASE_IO_BINDING = 135;
    private static final int BIND_INPUT = 136;
    private static final int BIND_OUTPUT = 137;
    private static final int BIND_OUTPUT_TO_DEVICE = 138;
    private static final int GET_BOUND_OUTPUT_NAMES = 139;
    private static final int GET_BOUND_OUTPUT_VALUES = 140;
    private static final int GET_TENSOR_MEMORY_INFO = 194;
    private static final int SYNCHRONIZE_BOUND_INPUTS = 202;
    private static final int SYNCHRONIZE_BOUND_OUTPUTS = 203;
    private static final int TABLE_LENGTH = 204;

    // enum OrtAllocatorType, OrtMemType, ONNXTensorElementDataType
    private static final int ORT_DEVICE_ALLOCATOR = 0;
    private static final int ORT_MEM_TYPE_DEFAULT = 0;
    private static final int ELEMENT_FLOAT = 1;
    private static final int ELEMENT_FLOAT16 = 10;

    /** What the C API hands out; each kind is counted as made and as released. */
    enum Handle {
        VALUE,
        IO_BINDING,
        MEMORY_INFO,
        ALLOCATOR,
        RUN_OPTIONS
    }

    /** A C API function reported an error. */
    static final class CallFailed extends IllegalStateException {
        CallFailed(String function, String message) {
            super("ONNX Runtime " + function + " failed: " + message);
        }
    }

    private static volatile OrtCApi shared;

    private final String unavailableReason;
    private final Linker linker = Linker.nativeLinker();
    private MemorySegment table;
    private MethodHandle sessionHandle;
    private MethodHandle tensorHandle;
    private final Map<Handle, long[]> counts = new EnumMap<>(Handle.class); // {made, released}

    private MethodHandle getErrorMessage;
    private MethodHandle releaseStatus;
    private MethodHandle createRunOptions;
    private MethodHandle createTensorAsOrtValue;
    private MethodHandle createMemoryInfo;
    private MethodHandle createCpuMemoryInfo;
    private MethodHandle memoryInfoGetName;
    private MethodHandle memoryInfoGetId;
    private MethodHandle allocatorFree;
    private MethodHandle getAllocatorWithDefaultOptions;
    private MethodHandle releaseMemoryInfo;
    private MethodHandle releaseValue;
    private MethodHandle releaseRunOptions;
    private MethodHandle createAllocator;
    private MethodHandle releaseAllocator;
    private MethodHandle runWithBinding;
    private MethodHandle createIoBinding;
    private MethodHandle releaseIoBinding;
    private MethodHandle bindInput;
    private MethodHandle bindOutput;
    private MethodHandle bindOutputToDevice;
    private MethodHandle getBoundOutputNames;
    private MethodHandle getBoundOutputValues;
    private MethodHandle getTensorMemoryInfo;
    private MethodHandle synchronizeBoundInputs;
    private MethodHandle synchronizeBoundOutputs;

    private OrtCApi(Set<String> testedVersions) {
        for (Handle h : Handle.values()) {
            counts.put(h, new long[2]);
        }
        String reason;
        try {
            reason = bind(testedVersions);
        } catch (IllegalCallerException e) {
            reason = "native access is not enabled (start Java with --enable-native-access=ALL-UNNAMED)";
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            reason = "ONNX Runtime's C API could not be bound: " + e;
        }
        this.unavailableReason = reason;
    }

    /** The C API of the ONNX Runtime this process loaded, bound once. */
    static OrtCApi shared() {
        OrtCApi api = shared;
        if (api == null) {
            synchronized (OrtCApi.class) {
                api = shared;
                if (api == null) {
                    api = new OrtCApi(TESTED_VERSIONS);
                    shared = api;
                }
            }
        }
        return api;
    }

    /** The C API bound with another allow-list of versions (for tests of the version gate). */
    static OrtCApi withTestedVersions(Set<String> testedVersions) {
        return new OrtCApi(testedVersions);
    }

    /** Finds the table and binds every function; returns why the API cannot be used, or null. */
    private String bind(Set<String> testedVersions) throws Throwable {
        OrtLoader.environment(); // loads the native library (telemetry off), if nothing has yet
        // The library was loaded with System.load by ONNX Runtime Java, from the class loader that loaded us.
        Optional<MemorySegment> getApiBase = SymbolLookup.loaderLookup().find("OrtGetApiBase");
        if (getApiBase.isEmpty()) {
            return "OrtGetApiBase is not among the symbols of the loaded ONNX Runtime library";
        }
        MemorySegment base = ((MemorySegment) linker.downcallHandle(getApiBase.get(), FunctionDescriptor.of(ADDRESS))
                        .invokeExact())
                .reinterpret(2 * ADDRESS.byteSize());
        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        MemorySegment versionString =
                (MemorySegment) linker.downcallHandle(base.getAtIndex(ADDRESS, 1), FunctionDescriptor.of(ADDRESS))
                        .invokeExact();
        String version = versionString.reinterpret(Long.MAX_VALUE).getString(0);
        if (!testedVersions.contains(version)) {
            return "ONNX Runtime " + version + " is not a version this build was tested with "
                    + new TreeSet<>(testedVersions);
        }
        MemorySegment api = (MemorySegment)
                linker.downcallHandle(base.getAtIndex(ADDRESS, 0), FunctionDescriptor.of(ADDRESS, JAVA_INT))
                        .invokeExact(API_VERSION);
        if (api.equals(MemorySegment.NULL)) {
            return "ONNX Runtime does not offer version " + API_VERSION + " of its C API";
        }
        Field jniTable = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("ortApiHandle");
        jniTable.setAccessible(true);
        if (jniTable.getLong(null) != api.address()) {
            return "the ONNX Runtime library found is not the one ONNX Runtime Java calls";
        }
        sessionHandle = getter(OrtSession.class, "nativeHandle");
        tensorHandle = getter(OnnxTensorLike.class, "nativeHandle");
        table = api.reinterpret(TABLE_LENGTH * ADDRESS.byteSize());

        FunctionDescriptor status1 = FunctionDescriptor.of(ADDRESS, ADDRESS);
        FunctionDescriptor status2 = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS);
        FunctionDescriptor status3 = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        FunctionDescriptor release = FunctionDescriptor.ofVoid(ADDRESS);
        getErrorMessage = function(GET_ERROR_MESSAGE, FunctionDescriptor.of(ADDRESS, ADDRESS));
        releaseStatus = function(RELEASE_STATUS, release);
        createRunOptions = function(CREATE_RUN_OPTIONS, status1);
        // (OrtAllocator*, const int64_t* shape, size_t shape_len, ONNXTensorElementDataType, OrtValue** out)
        createTensorAsOrtValue = function(
                CREATE_TENSOR_AS_ORT_VALUE,
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        // (const char* name, OrtAllocatorType, int id, OrtMemType, OrtMemoryInfo** out)
        createMemoryInfo = function(
                CREATE_MEMORY_INFO, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        createCpuMemoryInfo =
                function(CREATE_CPU_MEMORY_INFO, FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        memoryInfoGetName = function(MEMORY_INFO_GET_NAME, status2);
        memoryInfoGetId = function(MEMORY_INFO_GET_ID, status2);
        allocatorFree = function(ALLOCATOR_FREE, status2);
        getAllocatorWithDefaultOptions = function(GET_ALLOCATOR_WITH_DEFAULT_OPTIONS, status1);
        releaseMemoryInfo = function(RELEASE_MEMORY_INFO, release);
        releaseValue = function(RELEASE_VALUE, release);
        releaseRunOptions = function(RELEASE_RUN_OPTIONS, release);
        createAllocator = function(CREATE_ALLOCATOR, status3);
        releaseAllocator = function(RELEASE_ALLOCATOR, release);
        runWithBinding = function(RUN_WITH_BINDING, status3);
        createIoBinding = function(CREATE_IO_BINDING, status2);
        releaseIoBinding = function(RELEASE_IO_BINDING, release);
        bindInput = function(BIND_INPUT, status3);
        bindOutput = function(BIND_OUTPUT, status3);
        bindOutputToDevice = function(BIND_OUTPUT_TO_DEVICE, status3);
        // (binding, allocator, char** buffer, size_t** lengths, size_t* count)
        getBoundOutputNames = function(
                GET_BOUND_OUTPUT_NAMES, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getBoundOutputValues =
                function(GET_BOUND_OUTPUT_VALUES, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getTensorMemoryInfo = function(GET_TENSOR_MEMORY_INFO, status2);
        synchronizeBoundInputs = function(SYNCHRONIZE_BOUND_INPUTS, status1);
        synchronizeBoundOutputs = function(SYNCHRONIZE_BOUND_OUTPUTS, status1);
        return null;
    }

    private MethodHandle function(int index, FunctionDescriptor descriptor) {
        MemorySegment pointer = table.getAtIndex(ADDRESS, index);
        if (pointer.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("the C API has no function at index " + index);
        }
        return linker.downcallHandle(pointer, descriptor);
    }

    private static MethodHandle getter(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return MethodHandles.lookup().unreflectGetter(field);
    }

    boolean isAvailable() {
        return unavailableReason == null;
    }

    /** Why the C API cannot be used here; empty when it can. */
    Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    private void requireAvailable() {
        if (unavailableReason != null) {
            throw new IllegalStateException("ONNX Runtime's C API is not available: " + unavailableReason);
        }
    }

    // Handles of ONNX Runtime Java's own objects

    MemorySegment handleOf(OrtSession session) {
        requireAvailable();
        try {
            return MemorySegment.ofAddress((long) sessionHandle.invoke(session));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    MemorySegment handleOf(OnnxTensor tensor) {
        requireAvailable();
        try {
            return MemorySegment.ofAddress((long) tensorHandle.invoke((OnnxTensorLike) tensor));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    // Memory infos and allocators

    /** Host memory, as ONNX Runtime's CPU allocator describes it. */
    MemorySegment createCpuMemoryInfo() {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("CreateCpuMemoryInfo", (MemorySegment)
                    createCpuMemoryInfo.invokeExact(ORT_DEVICE_ALLOCATOR, ORT_MEM_TYPE_DEFAULT, out));
            return made(Handle.MEMORY_INFO, out.get(ADDRESS, 0));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The memory of CUDA device {@code device}. */
    MemorySegment createCudaMemoryInfo(int device) {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("CreateMemoryInfo", (MemorySegment) createMemoryInfo.invokeExact(
                    call.allocateFrom("Cuda"), ORT_DEVICE_ALLOCATOR, device, ORT_MEM_TYPE_DEFAULT, out));
            return made(Handle.MEMORY_INFO, out.get(ADDRESS, 0));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void releaseMemoryInfo(MemorySegment info) {
        release(Handle.MEMORY_INFO, releaseMemoryInfo, info);
    }

    /** The allocator {@code session} uses for the memory {@code info} describes (its arena on a GPU). */
    MemorySegment createAllocator(MemorySegment session, MemorySegment info) {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("CreateAllocator", (MemorySegment) createAllocator.invokeExact(session, info, out));
            return made(Handle.ALLOCATOR, out.get(ADDRESS, 0));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void releaseAllocator(MemorySegment allocator) {
        release(Handle.ALLOCATOR, releaseAllocator, allocator);
    }

    /** ONNX Runtime's process-wide CPU allocator: never released. */
    MemorySegment defaultAllocator() {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("GetAllocatorWithDefaultOptions", (MemorySegment) getAllocatorWithDefaultOptions.invokeExact(out));
            return out.get(ADDRESS, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    // Values

    /** An uninitialised tensor of {@code dtype} allocated by {@code allocator}; release with {@link #releaseValue}. */
    MemorySegment createTensor(MemorySegment allocator, long[] shape, ModelDtype dtype) {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            MemorySegment dims = call.allocateFrom(JAVA_LONG, shape);
            check("CreateTensorAsOrtValue", (MemorySegment)
                    createTensorAsOrtValue.invokeExact(allocator, dims, (long) shape.length, elementType(dtype), out));
            return made(Handle.VALUE, out.get(ADDRESS, 0));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void releaseValue(MemorySegment value) {
        release(Handle.VALUE, releaseValue, value);
    }

    /** Where a tensor's data lives, as ONNX Runtime names it: "Cpu:0", "Cuda:1". */
    String location(MemorySegment value) {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment info = call.allocate(ADDRESS);
            check("GetTensorMemoryInfo", (MemorySegment) getTensorMemoryInfo.invokeExact(value, info));
            MemorySegment name = call.allocate(ADDRESS);
            MemorySegment id = call.allocate(JAVA_INT);
            MemorySegment memoryInfo = info.get(ADDRESS, 0);
            check("MemoryInfoGetName", (MemorySegment) memoryInfoGetName.invokeExact(memoryInfo, name));
            check("MemoryInfoGetId", (MemorySegment) memoryInfoGetId.invokeExact(memoryInfo, id));
            return name.get(ADDRESS, 0).reinterpret(Long.MAX_VALUE).getString(0) + ":" + id.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    // Run options and IoBinding

    MemorySegment createRunOptions() {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("CreateRunOptions", (MemorySegment) createRunOptions.invokeExact(out));
            return made(Handle.RUN_OPTIONS, out.get(ADDRESS, 0));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void releaseRunOptions(MemorySegment options) {
        release(Handle.RUN_OPTIONS, releaseRunOptions, options);
    }

    MemorySegment createIoBinding(MemorySegment session) {
        requireAvailable();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            check("CreateIoBinding", (MemorySegment) createIoBinding.invokeExact(session, out));
            return made(Handle.IO_BINDING, out.get(ADDRESS, 0));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void releaseIoBinding(MemorySegment binding) {
        release(Handle.IO_BINDING, releaseIoBinding, binding);
    }

    void bindInput(MemorySegment binding, MemorySegment name, MemorySegment value) {
        try {
            check("BindInput", (MemorySegment) bindInput.invokeExact(binding, name, value));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void bindOutput(MemorySegment binding, MemorySegment name, MemorySegment value) {
        try {
            check("BindOutput", (MemorySegment) bindOutput.invokeExact(binding, name, value));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void bindOutputToDevice(MemorySegment binding, MemorySegment name, MemorySegment memoryInfo) {
        try {
            check("BindOutputToDevice", (MemorySegment) bindOutputToDevice.invokeExact(binding, name, memoryInfo));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Copies inputs bound from another device to where the session needs them, runs, and waits for the outputs
     * (what Python's {@code run_with_iobinding} does around the run).
     */
    void runWithBinding(MemorySegment session, MemorySegment runOptions, MemorySegment binding) {
        try {
            check("SynchronizeBoundInputs", (MemorySegment) synchronizeBoundInputs.invokeExact(binding));
            check("RunWithBinding", (MemorySegment) runWithBinding.invokeExact(session, runOptions, binding));
            check("SynchronizeBoundOutputs", (MemorySegment) synchronizeBoundOutputs.invokeExact(binding));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * The outputs of the last run, by name, in the order they were bound: new values the caller owns and must
     * release (ONNX Runtime's arrays are freed here).
     */
    List<Map.Entry<String, MemorySegment>> boundOutputs(MemorySegment binding) {
        requireAvailable();
        MemorySegment allocator = defaultAllocator();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocate(ADDRESS);
            MemorySegment lengths = call.allocate(ADDRESS);
            MemorySegment count = call.allocate(JAVA_LONG);
            check("GetBoundOutputNames", (MemorySegment)
                    getBoundOutputNames.invokeExact(binding, allocator, buffer, lengths, count));
            int n = Math.toIntExact(count.get(JAVA_LONG, 0));
            List<String> names = new ArrayList<>(n);
            if (n > 0) {
                MemorySegment chars = buffer.get(ADDRESS, 0).reinterpret(Long.MAX_VALUE);
                MemorySegment sizes = lengths.get(ADDRESS, 0).reinterpret(n * JAVA_LONG.byteSize());
                long offset = 0;
                for (int i = 0; i < n; i++) {
                    long length = sizes.getAtIndex(JAVA_LONG, i);
                    byte[] utf8 = chars.asSlice(offset, length).toArray(JAVA_BYTE);
                    names.add(new String(utf8, StandardCharsets.UTF_8));
                    offset += length;
                }
                free(allocator, buffer.get(ADDRESS, 0));
                free(allocator, lengths.get(ADDRESS, 0));
            }
            MemorySegment values = call.allocate(ADDRESS);
            check("GetBoundOutputValues", (MemorySegment)
                    getBoundOutputValues.invokeExact(binding, allocator, values, count));
            int m = Math.toIntExact(count.get(JAVA_LONG, 0));
            List<Map.Entry<String, MemorySegment>> outputs = new ArrayList<>(m);
            if (m > 0) {
                MemorySegment array = values.get(ADDRESS, 0).reinterpret(m * ADDRESS.byteSize());
                for (int i = 0; i < m; i++) {
                    outputs.add(Map.entry(names.get(i), made(Handle.VALUE, array.getAtIndex(ADDRESS, i))));
                }
                free(allocator, values.get(ADDRESS, 0));
            }
            if (m != n) {
                outputs.forEach(e -> releaseValue(e.getValue()));
                throw new CallFailed("GetBoundOutputValues", m + " values for " + n + " names");
            }
            return outputs;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private void free(MemorySegment allocator, MemorySegment pointer) throws Throwable {
        check("AllocatorFree", (MemorySegment) allocatorFree.invokeExact(allocator, pointer));
    }

    // Status, counting, errors

    private void check(String function, MemorySegment status) throws Throwable {
        if (status.equals(MemorySegment.NULL)) {
            return;
        }
        String message = ((MemorySegment) getErrorMessage.invokeExact(status))
                .reinterpret(Long.MAX_VALUE)
                .getString(0);
        releaseStatus.invokeExact(status);
        throw new CallFailed(function, message);
    }

    private MemorySegment made(Handle kind, MemorySegment handle) {
        if (handle.equals(MemorySegment.NULL)) {
            throw new CallFailed(kind.name(), "no handle returned");
        }
        synchronized (counts) {
            counts.get(kind)[0]++;
        }
        return handle;
    }

    private void release(Handle kind, MethodHandle function, MemorySegment handle) {
        requireAvailable();
        try {
            function.invokeExact(handle);
        } catch (Throwable e) {
            throw rethrow(e);
        }
        synchronized (counts) {
            counts.get(kind)[1]++;
        }
    }

    /** How many handles of {@code kind} were made and released through this API so far. */
    long[] count(Handle kind) {
        synchronized (counts) {
            return counts.get(kind).clone();
        }
    }

    private static int elementType(ModelDtype dtype) {
        return switch (dtype) {
            case FP32 -> ELEMENT_FLOAT;
            case FP16 -> ELEMENT_FLOAT16;
        };
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
