// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/** Manifests for tests: MOSS-16B's shape from MODEL-FORMAT.md, split in two stages. */
final class ManifestFixtures {

    static final String MOSS_16B = """
            {
              "format": 1,
              "name": "moss-moon-003-sft",
              "architecture": {
                "model_type": "moss",
                "n_layer": 34, "n_embd": 6144, "n_head": 24, "head_dim": 256, "rotary_dim": 64,
                "n_inner": 24576, "vocab_size": 107008, "n_positions": 2048, "layer_norm_epsilon": 1e-5
              },
              "dtype": "fp16",
              "stages": [
                {"index": 0, "file": "stage-0.onnx", "data_file": "stage-0.onnx.data",
                 "first_layer": 0, "end_layer": 17, "has_embedding": true, "has_head": false,
                 "weight_bytes": 16500000000},
                {"index": 1, "file": "stage-1.onnx", "data_file": "stage-1.onnx.data",
                 "first_layer": 17, "end_layer": 34, "has_embedding": false, "has_head": true,
                 "weight_bytes": 16900000000}
              ],
              "special_tokens": {"<eoh>": 106067, "<eot>": 106069, "<eoc>": 106070, "<eor>": 106071,
                                 "<eom>": 106068, "<|endoftext|>": 106028},
              "plugin": false,
              "generation_defaults": {"temperature": 0.7, "top_p": 0.8, "top_k": 40,
                                      "repetition_penalty": 1.02, "max_new_tokens": 512},
              "source": {"checkpoint": "moss-moon-003-sft", "sha256": "0"},
              "demo": false,
              "exporter": {"version": "0.1.0", "opset": 18}
            }
            """;

    private ManifestFixtures() {}

    static ModelManifest moss16b() {
        return ModelManifest.parse(MOSS_16B, "moss-onnx.json");
    }
}
