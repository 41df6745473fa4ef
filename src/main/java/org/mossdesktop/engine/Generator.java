// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates replies: prefill, then one token at a time until {@code <eom>}, a stop token, the token limit, a
 * full context or cancel. All work runs on the model's one background thread, one reply after another.
 *
 * <p>The KV cache is kept between replies: when a new prompt starts with tokens already in the cache (the
 * previous prompt and reply, in a conversation), only the rest is computed. Attention reads only the first
 * {@code total_sequence_length} positions, so stale entries past the shared prefix are simply overwritten.
 */
public final class Generator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private final Pipeline pipeline;
    private final Tokenizer tokenizer;
    private final ExecutorService thread;
    /** The tokens whose keys and values are in the cache, positions 0..cachedLength. Generator thread only. */
    private final int[] cached;

    private int cachedLength;
    private volatile Generation current;

    public Generator(Pipeline pipeline, Tokenizer tokenizer) {
        this.pipeline = pipeline;
        this.tokenizer = tokenizer;
        this.cached = new int[pipeline.capacity()];
        this.thread = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().daemon().name("moss-generator").unstarted(r));
    }

    /** Starts a reply on the model's thread; {@code listener} hears each token there. */
    public Generation start(GenerationRequest request, TokenListener listener) {
        Generation generation = new Generation();
        try {
            thread.execute(() -> {
                current = generation;
                try {
                    generation.complete(run(request, listener, generation));
                } finally {
                    current = null;
                }
            });
        } catch (RejectedExecutionException e) {
            generation.complete(failed(request, new IllegalStateException("The model is closed", e)));
        }
        return generation;
    }

    /** Generates a reply and waits for it. */
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
        return start(request, listener).await();
    }

    /** The most tokens prompt and reply may have together. */
    public int contextLength() {
        return pipeline.capacity();
    }

    private GenerationResult run(GenerationRequest request, TokenListener listener, Generation generation) {
        long start = System.nanoTime();
        int[] prompt = request.prompt();
        GenerationSettings settings = request.settings();
        int capacity = pipeline.capacity();
        int vocab = pipeline.manifest().architecture().vocabSize();
        for (int id : prompt) {
            if (id < 0 || id >= vocab) {
                return failed(request, new IllegalArgumentException("Token id " + id + " is outside the vocabulary"));
            }
        }
        if (generation.isCancelled()) {
            return result(FinishReason.CANCELLED, new int[0], 0, "", prompt.length, 0, 0, 0, 0);
        }
        if (prompt.length >= capacity) {
            return result(FinishReason.CONTEXT_FULL, new int[0], 0, "", prompt.length, 0, 0, 0, 0);
        }
        int eom = request.stopAtEom() ? tokenizer.specialTokens().eom() : -1;
        int[] stops = request.stopTokens().stream().mapToInt(Integer::intValue).toArray();
        int[] tokens = new int[Math.min(settings.maxNewTokens(), capacity - prompt.length)];
        int count = 0;
        StreamDecoder decoder = new StreamDecoder(tokenizer);
        Sampler sampler = new Sampler(settings, vocab);
        sampler.acceptAll(prompt, 0, prompt.length);
        int reused = 0;
        long firstToken = 0;
        long decodeRunStart = 0;
        try {
            reused = Math.min(commonPrefix(prompt), prompt.length - 1);
            cachedLength = 0; // until the forward succeeds, the cache holds nothing we can vouch for
            float[] logits = pipeline.forward(prompt, reused, prompt.length, reused);
            System.arraycopy(prompt, 0, cached, 0, prompt.length);
            cachedLength = prompt.length;
            FinishReason reason;
            while (true) {
                if (generation.isCancelled()) {
                    reason = FinishReason.CANCELLED;
                    break;
                }
                int token = sampler.sample(logits);
                tokens[count++] = token;
                if (count == 1) {
                    firstToken = System.nanoTime();
                    decodeRunStart = pipeline.runNanos();
                }
                if (token == eom) {
                    reason = FinishReason.EOM;
                    break;
                }
                if (contains(stops, token)) {
                    reason = FinishReason.STOP_TOKEN;
                    break;
                }
                listener.onToken(token, decoder.accept(token));
                if (count == settings.maxNewTokens()) {
                    reason = FinishReason.MAX_TOKENS;
                    break;
                }
                if (cachedLength + 1 == capacity) {
                    reason = FinishReason.CONTEXT_FULL; // the token just made is the window's last
                    break;
                }
                sampler.accept(token);
                cached[cachedLength] = token;
                logits = pipeline.forward(cached, cachedLength, cachedLength + 1, cachedLength);
                cachedLength++;
            }
            long end = System.nanoTime();
            boolean any = count > 0;
            return result(
                    reason,
                    tokens,
                    count,
                    decoder.text(),
                    prompt.length,
                    reused,
                    any ? firstToken - start : 0,
                    any ? end - firstToken : 0,
                    any ? pipeline.runNanos() - decodeRunStart : 0);
        } catch (RuntimeException e) {
            cachedLength = 0;
            LOG.warn("Generation failed", e);
            return new GenerationResult(
                    FinishReason.ERROR,
                    Arrays.copyOf(tokens, count),
                    decoder.text(),
                    prompt.length,
                    reused,
                    nanos(firstToken == 0 ? 0 : firstToken - start),
                    Duration.ZERO,
                    Duration.ZERO,
                    Optional.of(e));
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** How many leading tokens of {@code prompt} the cache already holds. */
    private int commonPrefix(int[] prompt) {
        int n = Math.min(cachedLength, prompt.length);
        int i = 0;
        while (i < n && cached[i] == prompt[i]) {
            i++;
        }
        return i;
    }

    private static GenerationResult result(
            FinishReason reason,
            int[] tokens,
            int count,
            String text,
            int promptTokens,
            int reused,
            long ttft,
            long decode,
            long decodeRun) {
        return new GenerationResult(
                reason,
                Arrays.copyOf(tokens, count),
                text,
                promptTokens,
                reused,
                nanos(ttft),
                nanos(decode),
                nanos(decodeRun),
                Optional.empty());
    }

    private static GenerationResult failed(GenerationRequest request, Throwable error) {
        return new GenerationResult(
                FinishReason.ERROR,
                new int[0],
                "",
                request.prompt().length,
                0,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Optional.of(error));
    }

    private static Duration nanos(long value) {
        return Duration.ofNanos(Math.max(0, value));
    }

    /**
     * Cancels the current reply, refuses new ones and waits for the thread to finish, so the pipeline can be
     * closed safely afterwards. Does not close the pipeline.
     */
    @Override
    public void close() {
        Generation running = current;
        if (running != null) {
            running.cancel();
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The generator thread did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
