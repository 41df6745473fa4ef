// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.onnxruntime.OnnxJavaType;

/** The element type of a model's weights, hidden states and KV cache. Logits are always fp32. */
public enum ModelDtype {
    FP32("fp32", 4, OnnxJavaType.FLOAT),
    FP16("fp16", 2, OnnxJavaType.FLOAT16);

    private final String manifestName;
    private final int bytes;
    private final OnnxJavaType onnxType;

    ModelDtype(String manifestName, int bytes, OnnxJavaType onnxType) {
        this.manifestName = manifestName;
        this.bytes = bytes;
        this.onnxType = onnxType;
    }

    /** The dtype named as in {@code moss-onnx.json}, or null when unknown. */
    static ModelDtype fromManifest(String name) {
        for (ModelDtype dtype : values()) {
            if (dtype.manifestName.equals(name)) {
                return dtype;
            }
        }
        return null;
    }

    public String manifestName() {
        return manifestName;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    OnnxJavaType onnxType() {
        return onnxType;
    }
}
