// SPDX-License-Identifier: Apache-2.0
/**
 * Model directory and manifest, tokenizer, pipeline stages, KV cache, sampler, generator, stream decoder,
 * devices, placement and memory estimates. ONNX Runtime and DJL; no JavaFX.
 */
package org.mossdesktop.engine;
