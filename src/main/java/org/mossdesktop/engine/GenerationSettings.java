// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.OptionalLong;

/**
 * How the sampler picks tokens and how long a reply may grow.
 *
 * @param temperature divides the logits; 0 &lt; t
 * @param topP nucleus size in (0, 1]
 * @param topK keep the k most likely tokens; 0 disables it
 * @param repetitionPenalty CTRL-style penalty over the whole sequence; 1 disables it
 * @param maxNewTokens the most tokens a reply may have
 * @param greedy take the most likely token, ignoring the sampling parameters
 * @param seed a fixed seed for reproducible sampling, or empty for a fresh one per reply
 */
public record GenerationSettings(
        double temperature,
        double topP,
        int topK,
        double repetitionPenalty,
        int maxNewTokens,
        boolean greedy,
        OptionalLong seed) {

    /** MOSS's own defaults (moss_cli_demo.py): temperature 0.7, top-p 0.8, top-k 40, penalty 1.02. */
    public static final GenerationSettings MOSS_DEFAULTS =
            new GenerationSettings(0.7, 0.8, 40, 1.02, 512, false, OptionalLong.empty());

    public GenerationSettings {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], was " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, was " + topK);
        }
        if (!(repetitionPenalty >= 1) || !Double.isFinite(repetitionPenalty)) {
            throw new IllegalArgumentException("repetition penalty must be >= 1, was " + repetitionPenalty);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be >= 1, was " + maxNewTokens);
        }
        if (seed == null) {
            throw new IllegalArgumentException("seed must be present or empty, not null");
        }
    }

    public GenerationSettings withGreedy(boolean value) {
        return new GenerationSettings(temperature, topP, topK, repetitionPenalty, maxNewTokens, value, seed);
    }

    public GenerationSettings withMaxNewTokens(int value) {
        return new GenerationSettings(temperature, topP, topK, repetitionPenalty, value, greedy, seed);
    }

    public GenerationSettings withSeed(long value) {
        return new GenerationSettings(
                temperature, topP, topK, repetitionPenalty, maxNewTokens, greedy, OptionalLong.of(value));
    }
}
