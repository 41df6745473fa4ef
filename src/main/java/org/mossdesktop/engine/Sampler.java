// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from the logits the way MOSS's own loop does (moss_inference.py, MOSS.md §4.1): CTRL
 * repetition penalty over every token of the sequence so far, temperature, top-k, top-p (keeping the first
 * token past the threshold), then a draw. Greedy takes the most likely token and ignores the rest.
 *
 * <p>Fast on a 107k vocabulary: it never sorts the logits. Top-k selects the k largest with a small heap; top-p
 * without top-k widens a candidate heap until the candidates hold enough probability. One instance per reply;
 * not thread-safe.
 */
public final class Sampler {

    private final GenerationSettings settings;
    private final SplittableRandom random;
    private final boolean[] seen;
    private int[] seenIds = new int[256];
    private int seenCount;
    // Candidates: indices into the logits, kept as a min-heap by logit while selecting, then sorted descending.
    private int[] heap = new int[64];
    private double[] probabilities = new double[64];

    public Sampler(GenerationSettings settings, int vocabSize) {
        this.settings = settings;
        this.random = settings.seed().isPresent()
                ? new SplittableRandom(settings.seed().getAsLong())
                : new SplittableRandom();
        this.seen = new boolean[vocabSize];
    }

    /** Records a token of the sequence (prompt or reply) for the repetition penalty. */
    public void accept(int token) {
        if (token >= 0 && token < seen.length && !seen[token]) {
            seen[token] = true;
            if (seenCount == seenIds.length) {
                seenIds = Arrays.copyOf(seenIds, seenCount * 2);
            }
            seenIds[seenCount++] = token;
        }
    }

    public void acceptAll(int[] tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            accept(tokens[i]);
        }
    }

    /** The next token. May change {@code logits} (the penalty is applied in place). */
    public int sample(float[] logits) {
        if (settings.greedy()) {
            return argmax(logits);
        }
        penalise(logits, (float) settings.repetitionPenalty());
        int k = settings.topK();
        int candidates;
        if (k > 0 && k < logits.length) {
            candidates = selectTop(logits, k);
            candidates = withTies(logits, candidates);
        } else {
            candidates = nucleusCandidates(logits);
        }
        sortDescending(logits, candidates);
        int kept = softmaxAndNucleus(logits, candidates);
        return draw(kept);
    }

    static int argmax(float[] logits) {
        int best = 0;
        float max = logits[0];
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > max) {
                max = logits[i];
                best = i;
            }
        }
        return best;
    }

    /** CTRL-style: divide positive logits, multiply negative ones, once per distinct token of the sequence. */
    private void penalise(float[] logits, float penalty) {
        if (penalty == 1f) {
            return;
        }
        for (int i = 0; i < seenCount; i++) {
            int id = seenIds[i];
            if (id < logits.length) {
                float score = logits[id];
                logits[id] = score < 0 ? score * penalty : score / penalty;
            }
        }
    }

    /** Fills the heap with the indices of the {@code k} largest logits; returns k. */
    private int selectTop(float[] logits, int k) {
        ensureCapacity(k);
        int size = 0;
        for (int i = 0; i < logits.length; i++) {
            float value = logits[i];
            if (size < k) {
                heap[size] = i;
                siftUp(logits, size++);
            } else if (value > logits[heap[0]]) {
                heap[0] = i;
                siftDown(logits, 0, size);
            }
        }
        return size;
    }

    /** HF's top-k keeps every token tied with the k-th: add those the heap left out. */
    private int withTies(float[] logits, int count) {
        float threshold = logits[heap[0]];
        int ties = 0;
        for (int i = 0; i < count; i++) {
            if (logits[heap[i]] == threshold) {
                ties++;
            }
        }
        int all = 0;
        for (float value : logits) {
            if (value == threshold) {
                all++;
            }
        }
        if (all == ties) {
            return count;
        }
        ensureCapacity(count + all - ties);
        boolean[] inHeap = new boolean[logits.length];
        for (int i = 0; i < count; i++) {
            inHeap[heap[i]] = true;
        }
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] == threshold && !inHeap[i]) {
                heap[count++] = i;
            }
        }
        return count;
    }

    /**
     * Without top-k, top-p needs the most likely tokens in order until their probability reaches p. Select a
     * growing number of candidates until they do: usually a few dozen, the whole vocabulary only for a flat
     * distribution.
     */
    private int nucleusCandidates(float[] logits) {
        double topP = settings.topP();
        double temperature = settings.temperature();
        float max = logits[argmax(logits)];
        double total = 0;
        // Tokens more than 40 nats below the best add less than 1e-17 each: skip their exp.
        double floor = max - 40 * temperature;
        for (float value : logits) {
            if (value > floor) {
                total += Math.exp((value - max) / temperature);
            }
        }
        int k = topP >= 1 ? logits.length : Math.min(64, logits.length);
        while (true) {
            int count = selectTop(logits, k);
            double mass = 0;
            for (int i = 0; i < count; i++) {
                mass += Math.exp((logits[heap[i]] - max) / temperature);
            }
            if (mass / total > topP || count == logits.length) {
                return count;
            }
            k = Math.min(k * 4, logits.length);
        }
    }

    /**
     * Softmax over the candidates (sorted, most likely first) at the temperature, then the nucleus: keep tokens
     * while the probability of those before them is at most p. Leaves the kept probabilities, unnormalised, in
     * {@link #probabilities}; returns how many are kept.
     */
    private int softmaxAndNucleus(float[] logits, int count) {
        double temperature = settings.temperature();
        float max = logits[heap[0]];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double p = Math.exp((logits[heap[i]] - max) / temperature);
            probabilities[i] = p;
            sum += p;
        }
        double topP = settings.topP();
        if (topP >= 1) {
            return count;
        }
        double cumulative = 0;
        int kept = 0;
        while (kept < count && (kept == 0 || cumulative / sum <= topP)) {
            cumulative += probabilities[kept++];
        }
        return kept;
    }

    private int draw(int kept) {
        double sum = 0;
        for (int i = 0; i < kept; i++) {
            sum += probabilities[i];
        }
        double target = random.nextDouble() * sum;
        for (int i = 0; i < kept - 1; i++) {
            target -= probabilities[i];
            if (target < 0) {
                return heap[i];
            }
        }
        return heap[kept - 1];
    }

    /** Sorts heap[0..count) by logit, largest first, ties by lower id. */
    private void sortDescending(float[] logits, int count) {
        // Heapsort on the min-heap puts the smallest last: exactly descending order, in place.
        for (int i = count / 2 - 1; i >= 0; i--) {
            siftDown(logits, i, count);
        }
        for (int end = count - 1; end > 0; end--) {
            int top = heap[0];
            heap[0] = heap[end];
            heap[end] = top;
            siftDown(logits, 0, end);
        }
    }

    /** Heap order: a parent is "less" than its children (smaller logit, or equal logit and larger id). */
    private static boolean less(float[] logits, int a, int b) {
        return logits[a] < logits[b] || (logits[a] == logits[b] && a > b);
    }

    private void siftUp(float[] logits, int i) {
        int item = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(logits, item, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    private void siftDown(float[] logits, int i, int size) {
        int item = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(logits, heap[child + 1], heap[child])) {
                child++;
            }
            if (!less(logits, heap[child], item)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    private void ensureCapacity(int n) {
        if (heap.length < n) {
            heap = Arrays.copyOf(heap, n);
            probabilities = new double[n];
        }
    }
}
