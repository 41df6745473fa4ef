// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * How a reply went.
 *
 * @param tokens every token the model produced, including the stop token that ended it (if one did)
 * @param text the reply's text: the tokens decoded, without the stop token; a character left incomplete at the
 *     very end is dropped
 * @param promptTokens tokens in the prompt
 * @param reusedPromptTokens prompt tokens whose KV cache was kept from the previous reply (not computed again)
 * @param timeToFirstToken from the start to the first token: the prefill and one sampling step
 * @param decodeTime from the first token to the last
 * @param decodeRunTime the part of {@code decodeTime} spent inside ONNX Runtime (the rest is our loop)
 * @param error what failed, when the reason is {@link FinishReason#ERROR}
 */
public record GenerationResult(
        FinishReason finishReason,
        int[] tokens,
        String text,
        int promptTokens,
        int reusedPromptTokens,
        Duration timeToFirstToken,
        Duration decodeTime,
        Duration decodeRunTime,
        Optional<Throwable> error) {

    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Tokens the model produced, the stop token included. */
    public int generatedTokens() {
        return tokens.length;
    }

    /** Decode speed: tokens after the first, per second of decode time; 0 when there were fewer than two. */
    public double tokensPerSecond() {
        long nanos = decodeTime.toNanos();
        return tokens.length < 2 || nanos == 0 ? 0 : (tokens.length - 1) * 1e9 / nanos;
    }
}
