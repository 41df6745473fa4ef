// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way into ONNX Runtime, so that it starts with its telemetry off. ORT 1.29's Linux library otherwise
 * writes a device id and an event database under {@code ~/.cache/Microsoft} and a log file per process in
 * {@code /tmp}, and it crashed at start when the process's command line was long (found by the packaging
 * work). Its library reads {@code ORT_DISABLE_TELEMETRY} from the C environment when it loads, so the
 * variable is set with the C library's {@code setenv} (Java's own environment map is a read-only copy)
 * before any ORT class touches the native library.
 */
final class OrtLoader {

    private static final Logger LOG = LoggerFactory.getLogger(OrtLoader.class);
    private static final OrtEnvironment ENVIRONMENT = start();

    private OrtLoader() {}

    static OrtEnvironment environment() {
        return ENVIRONMENT;
    }

    static EnumSet<OrtProvider> availableProviders() {
        environment();
        return OrtEnvironment.getAvailableProviders();
    }

    private static OrtEnvironment start() {
        disableTelemetryBeforeLoading();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            env.setTelemetry(false); // Windows' ETW events; the variable covers Linux
        } catch (OrtException e) {
            LOG.debug("ONNX Runtime would not disable its telemetry events", e);
        }
        return env;
    }

    private static void disableTelemetryBeforeLoading() {
        Linker linker = Linker.nativeLinker();
        linker.defaultLookup().find("setenv").ifPresent(setenv -> {
            MethodHandle call = linker.downcallHandle(
                    setenv,
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            try (Arena arena = Arena.ofConfined()) {
                int status =
                        (int) call.invokeExact(arena.allocateFrom("ORT_DISABLE_TELEMETRY"), arena.allocateFrom("1"), 1);
                if (status != 0) {
                    LOG.warn("Could not set ORT_DISABLE_TELEMETRY (setenv returned {})", status);
                }
            } catch (Throwable e) {
                LOG.warn("Could not set ORT_DISABLE_TELEMETRY", e);
            }
        });
    }
}
