// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.List;

/**
 * What to generate from.
 *
 * @param prompt the token ids of the whole prompt (meta instruction, history, the new turn)
 * @param settings how to sample and how long the reply may grow
 * @param stopTokens tokens that end the reply besides {@code <eom>}, e.g. {@code <eoc>} in the plugin model's
 *     first pass
 * @param stopAtEom whether {@code <eom>} ends the reply: always, except in benchmarks that need a fixed number of
 *     tokens from a random-weight model
 */
public record GenerationRequest(
        int[] prompt, GenerationSettings settings, List<Integer> stopTokens, boolean stopAtEom) {

    public GenerationRequest {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt is empty");
        }
        prompt = prompt.clone();
        stopTokens = List.copyOf(stopTokens);
    }

    public GenerationRequest(int[] prompt, GenerationSettings settings, List<Integer> stopTokens) {
        this(prompt, settings, stopTokens, true);
    }

    public GenerationRequest(int[] prompt, GenerationSettings settings) {
        this(prompt, settings, List.of(), true);
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }
}
