// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final int VOCAB = 107008;

    @Test
    void greedy_takes_the_most_likely_token_and_ignores_the_penalty() {
        float[] logits = randomLogits(1);
        logits[4242] = 30f;
        Sampler sampler = new Sampler(settings(0.7, 0.8, 40, 1.5).withGreedy(true), VOCAB);
        sampler.accept(4242);
        assertEquals(4242, sampler.sample(logits));
    }

    @Test
    void the_same_seed_draws_the_same_tokens() {
        assertEquals(draws(7, 50), draws(7, 50));
        assertNotEquals(draws(7, 50), draws(8, 50));
    }

    @Test
    void top_k_1_is_greedy() {
        for (int seed = 0; seed < 20; seed++) {
            float[] logits = randomLogits(seed);
            int best = Sampler.argmax(logits);
            assertEquals(best, new Sampler(settings(1.0, 1.0, 1, 1.0).withSeed(seed), VOCAB).sample(logits));
        }
    }

    @Test
    void top_k_draws_only_among_the_k_most_likely() {
        float[] logits = flat();
        int[] top = {10, 20, 30, 40, 50};
        for (int i = 0; i < top.length; i++) {
            logits[top[i]] = 5f + i * 0.01f;
        }
        logits[60] = 4.9f; // the sixth most likely, just outside k = 5
        Set<Integer> drawn = new HashSet<>();
        for (int seed = 0; seed < 400; seed++) {
            drawn.add(new Sampler(settings(1.0, 1.0, 5, 1.0).withSeed(seed), VOCAB).sample(logits.clone()));
        }
        assertEquals(Set.of(10, 20, 30, 40, 50), drawn);
    }

    @Test
    void top_k_keeps_every_token_tied_with_the_kth_as_huggingface_does() {
        float[] logits = flat();
        logits[1] = 5f;
        logits[2] = 4f;
        logits[3] = 4f;
        logits[4] = 4f;
        logits[5] = 3f;
        Set<Integer> drawn = new HashSet<>();
        for (int seed = 0; seed < 400; seed++) {
            drawn.add(new Sampler(settings(1.0, 1.0, 2, 1.0).withSeed(seed), VOCAB).sample(logits.clone()));
        }
        assertEquals(Set.of(1, 2, 3, 4), drawn);
    }

    @Test
    void top_p_keeps_the_first_token_that_crosses_the_threshold_and_no_more() {
        // Probabilities 0.5, 0.3, 0.2 (the rest ~0): with p = 0.6 MOSS keeps the first two.
        float[] logits = flat();
        logits[100] = (float) Math.log(0.5);
        logits[200] = (float) Math.log(0.3);
        logits[300] = (float) Math.log(0.2);
        for (int topK : new int[] {40, 0}) {
            Set<Integer> drawn = new HashSet<>();
            for (int seed = 0; seed < 400; seed++) {
                drawn.add(new Sampler(settings(1.0, 0.6, topK, 1.0).withSeed(seed), VOCAB).sample(logits.clone()));
            }
            assertEquals(Set.of(100, 200), drawn, "top-k " + topK);
        }
    }

    @Test
    void the_repetition_penalty_divides_positive_logits_and_multiplies_negative_ones_of_seen_tokens() {
        float[] logits = flat();
        logits[1] = 2.0f;
        logits[2] = 1.9f;
        logits[3] = -1.0f;
        logits[4] = -1.05f;
        // Penalty 1.1: token 1 drops to 1.818 < 1.9; token 3 drops to -1.1 < -1.05. With top-k 1 that is visible.
        Sampler sampler = new Sampler(settings(1.0, 1.0, 1, 1.1), VOCAB);
        sampler.accept(1);
        sampler.accept(1); // counted once, as in MOSS's gather/scatter
        assertEquals(2, sampler.sample(logits));
        float[] negative = flat();
        negative[3] = -1.0f;
        negative[4] = -1.05f;
        Sampler second = new Sampler(settings(1.0, 1.0, 1, 1.1), VOCAB);
        second.accept(3);
        assertEquals(4, second.sample(negative));
    }

    @Test
    void a_low_temperature_concentrates_the_draws_on_the_most_likely_token() {
        float[] logits = flat();
        logits[7] = 1.0f;
        logits[8] = 0.9f;
        int sevens = 0;
        for (int seed = 0; seed < 200; seed++) {
            if (new Sampler(settings(0.01, 1.0, 2, 1.0).withSeed(seed), VOCAB).sample(logits.clone()) == 7) {
                sevens++;
            }
        }
        assertEquals(200, sevens);
    }

    @Test
    void with_moss_defaults_draws_follow_the_filtered_distribution() {
        float[] logits = randomLogits(3);
        Set<Integer> top40 = new HashSet<>();
        float[] copy = logits.clone();
        for (int i = 0; i < 40; i++) {
            int best = Sampler.argmax(copy);
            top40.add(best);
            copy[best] = Float.NEGATIVE_INFINITY;
        }
        for (int seed = 0; seed < 200; seed++) {
            int token = new Sampler(GenerationSettings.MOSS_DEFAULTS.withSeed(seed), VOCAB).sample(logits.clone());
            assertTrue(top40.contains(token), "token " + token + " is outside the top 40");
        }
    }

    private static java.util.List<Integer> draws(long seed, int n) {
        Sampler sampler = new Sampler(GenerationSettings.MOSS_DEFAULTS.withSeed(seed), VOCAB);
        float[] logits = randomLogits(99);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int token = sampler.sample(logits.clone());
            sampler.accept(token);
            out.add(token);
        }
        return out;
    }

    private static GenerationSettings settings(double temperature, double topP, int topK, double penalty) {
        return new GenerationSettings(temperature, topP, topK, penalty, 512, false, OptionalLong.empty());
    }

    /** Unlikely background tokens, all distinct so that no tie crosses the top-k boundary by accident. */
    private static float[] flat() {
        float[] logits = new float[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            logits[i] = -100f - i * 1e-4f;
        }
        return logits;
    }

    private static float[] randomLogits(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] logits = new float[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            logits[i] = (float) (random.nextGaussian() * 3);
        }
        return logits;
    }
}
