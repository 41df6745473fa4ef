// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import org.mossdesktop.engine.GenerationSettings;
import picocli.CommandLine.Option;

/** How replies are sampled: the model's defaults (MOSS's), changed by these options. */
final class SamplingOptions {

    @Option(names = "--greedy", description = "always take the most likely token")
    boolean greedy;

    @Option(names = "--seed", paramLabel = "N", description = "seed for reproducible sampling")
    Long seed;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description = "most tokens in a reply (default: the model's, 512)")
    Integer maxTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "default: the model's (MOSS: 0.7)")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "default: the model's (MOSS: 0.8)")
    Double topP;

    @Option(names = "--top-k", paramLabel = "K", description = "0 for none; default: the model's (MOSS: 40)")
    Integer topK;

    @Option(names = "--repetition-penalty", paramLabel = "R", description = "default: the model's (MOSS: 1.02)")
    Double repetitionPenalty;

    /** {@code defaults} with the options given applied. */
    GenerationSettings apply(GenerationSettings defaults) {
        GenerationSettings s = new GenerationSettings(
                temperature != null ? temperature : defaults.temperature(),
                topP != null ? topP : defaults.topP(),
                topK != null ? topK : defaults.topK(),
                repetitionPenalty != null ? repetitionPenalty : defaults.repetitionPenalty(),
                maxTokens != null ? maxTokens : defaults.maxNewTokens(),
                greedy || defaults.greedy(),
                defaults.seed());
        return seed != null ? s.withSeed(seed) : s;
    }
}
