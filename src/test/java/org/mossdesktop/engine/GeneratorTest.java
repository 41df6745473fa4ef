// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final GenerationSettings GREEDY = GenerationSettings.MOSS_DEFAULTS.withGreedy(true);

    private static LoadedModel model;
    private static int[] prompt;
    /** Tokens of the greedy reply before it ends (at most 40): the limits tests set stay below it. */
    private static int room;

    @BeforeAll
    static void load() {
        model = TestModels.loadDemo(PipelineOptions.DEFAULTS);
        // A question the demo model was trained to answer at length (19 tokens), in MOSS's turn layout.
        prompt = model.tokenizer().encode("<|Human|>: What is 37 times 12?<eoh>\n<|MOSS|>:");
        GenerationResult free = greedy(prompt, 40);
        room = free.finishReason() == FinishReason.EOM ? free.generatedTokens() - 1 : free.generatedTokens();
        // Fails rather than skips: a demo model whose reply is too short would leave every test here unrun.
        assertTrue(room >= 8, "the demo model's reply is too short to test limits on: " + room + " tokens");
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void a_continued_prompt_reuses_the_cache_and_continues_exactly_as_a_fresh_one() {
        int n = Math.min(8, room);
        int[] first = greedy(prompt, n).tokens();
        int[] continued = concat(prompt, Arrays.copyOf(first, 1));

        greedy(model.tokenizer().encode("Something else entirely."), 2); // leaves nothing to reuse
        GenerationResult fresh = greedy(continued, n - 1);
        greedy(prompt, n); // the cache now holds the prompt and the reply's tokens but the last
        GenerationResult reused = greedy(continued, n - 1);

        assertEquals(0, fresh.reusedPromptTokens());
        assertEquals(continued.length - 1, reused.reusedPromptTokens());
        assertArrayEquals(Arrays.copyOfRange(first, 1, n), fresh.tokens());
        assertArrayEquals(fresh.tokens(), reused.tokens());
    }

    @Test
    void cancelling_from_the_listener_stops_before_the_next_token() {
        int at = Math.min(3, room);
        List<Integer> heard = new ArrayList<>();
        AtomicReference<Generation> generation = new AtomicReference<>();
        // The lock holds the listener back until start() has returned the handle it cancels.
        synchronized (generation) {
            generation.set(model.generator()
                    .start(new GenerationRequest(prompt, GREEDY.withMaxNewTokens(50)), (id, text) -> {
                        synchronized (generation) {
                            heard.add(id);
                            if (heard.size() == at) {
                                generation.get().cancel();
                            }
                        }
                    }));
        }
        GenerationResult result = generation.get().await();
        assertEquals(FinishReason.CANCELLED, result.finishReason());
        assertEquals(at, result.generatedTokens());
        assertEquals(at, heard.size());
    }

    @Test
    void a_reply_cancelled_while_waiting_for_the_thread_never_starts() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        Generation first = model.generator()
                .start(new GenerationRequest(prompt, GREEDY.withMaxNewTokens(2)), (id, text) -> {
                    try {
                        cancelled.await(); // hold the thread until the second reply is cancelled
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        Generation second = model.generator().start(new GenerationRequest(prompt, GREEDY), TokenListener.NONE);
        second.cancel();
        cancelled.countDown();
        first.await();
        GenerationResult result = second.await();
        assertEquals(FinishReason.CANCELLED, result.finishReason());
        assertEquals(0, result.generatedTokens());
        assertEquals(java.time.Duration.ZERO, result.decodeTime());
    }

    @Test
    void a_stop_token_ends_the_reply_and_stays_out_of_its_text() {
        int[] expected = greedy(prompt, room).tokens();
        int stop = expected[Math.min(3, room - 1)];
        int firstStop = 0;
        while (expected[firstStop] != stop) {
            firstStop++;
        }
        GenerationResult result = model.generator()
                .generate(
                        new GenerationRequest(prompt, GREEDY.withMaxNewTokens(room), List.of(stop)),
                        TokenListener.NONE);
        assertEquals(FinishReason.STOP_TOKEN, result.finishReason());
        assertArrayEquals(Arrays.copyOf(expected, firstStop + 1), result.tokens());
        assertEquals(model.tokenizer().decode(Arrays.copyOf(expected, firstStop)), result.text());
    }

    @Test
    void the_reply_stops_at_the_token_limit() {
        int limit = Math.min(4, room);
        GenerationResult result = greedy(prompt, limit);
        assertEquals(FinishReason.MAX_TOKENS, result.finishReason());
        assertEquals(limit, result.generatedTokens());
    }

    @Test
    void the_text_heard_token_by_token_is_the_text_of_the_result() {
        StringBuilder heard = new StringBuilder();
        GenerationResult result = model.generator()
                .generate(new GenerationRequest(prompt, GREEDY.withMaxNewTokens(30)), (id, text) -> heard.append(text));
        assertEquals(result.text(), heard.toString());
    }

    @Test
    void a_seed_makes_sampling_reproducible() {
        GenerationSettings seeded =
                GenerationSettings.MOSS_DEFAULTS.withMaxNewTokens(20).withSeed(1234);
        GenerationResult a = model.generator().generate(new GenerationRequest(prompt, seeded), TokenListener.NONE);
        GenerationResult b = model.generator().generate(new GenerationRequest(prompt, seeded), TokenListener.NONE);
        assertArrayEquals(a.tokens(), b.tokens());
    }

    @Test
    void a_prompt_that_fills_the_window_gets_no_reply() {
        int[] full = new int[model.generator().contextLength()];
        Arrays.fill(full, prompt[0]);
        GenerationResult result = greedy(full, 10);
        assertEquals(FinishReason.CONTEXT_FULL, result.finishReason());
        assertEquals(0, result.generatedTokens());
    }

    @Test
    void a_reply_stops_when_prompt_and_reply_fill_the_window() {
        int space = Math.min(5, room);
        try (LoadedModel small =
                TestModels.loadDemo(PipelineOptions.DEFAULTS.withContextLength(prompt.length + space))) {
            GenerationResult result = small.generator()
                    .generate(new GenerationRequest(prompt, GREEDY.withMaxNewTokens(50)), TokenListener.NONE);
            assertEquals(FinishReason.CONTEXT_FULL, result.finishReason());
            assertArrayEquals(greedy(prompt, space).tokens(), result.tokens());
        }
    }

    @Test
    void a_token_outside_the_vocabulary_fails_the_reply_with_the_reason() {
        GenerationResult result =
                greedy(new int[] {1, model.manifest().architecture().vocabSize()}, 3);
        assertEquals(FinishReason.ERROR, result.finishReason());
        assertTrue(result.error().orElseThrow().getMessage().contains("outside the vocabulary"));
    }

    private static GenerationResult greedy(int[] ids, int maxTokens) {
        return model.generator()
                .generate(new GenerationRequest(ids, GREEDY.withMaxNewTokens(maxTokens)), TokenListener.NONE);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
