// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.Arrays;

/**
 * Turns a stream of token ids into text that only ever contains whole characters.
 *
 * <p>A Chinese character spans two or three byte-level tokens; decoding them one by one gives U+FFFD. This
 * decodes the tokens since the last clean boundary, holds back while that text ends in U+FFFD, and emits the
 * new suffix. Byte-level BPE decodes by concatenating bytes, so text after a clean boundary does not depend on
 * the tokens before it: the work per token is bounded by the pending window, not by the reply's length.
 */
public final class StreamDecoder {

    /** A UTF-8 character has at most 4 bytes; past this many pending tokens the bytes are simply invalid. */
    private static final int MAX_PENDING = 16;

    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private final StringBuilder text = new StringBuilder();
    private int[] pending = new int[8];
    private int pendingCount;
    /** Characters of the pending window's text already emitted (those before a trailing U+FFFD run). */
    private int pendingEmitted;

    public StreamDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token and returns the text that became whole (often empty while a character is split). */
    public String accept(int tokenId) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingCount++] = tokenId;
        String window = tokenizer.decode(pending, 0, pendingCount);
        int whole = window.length();
        while (whole > 0 && window.charAt(whole - 1) == REPLACEMENT) {
            whole--;
        }
        boolean clean = whole == window.length();
        if (!clean && pendingCount >= MAX_PENDING) {
            whole = window.length(); // not a split character but invalid bytes: let them through
            clean = true;
        }
        String delta = whole > pendingEmitted ? window.substring(pendingEmitted, whole) : "";
        text.append(delta);
        if (clean) {
            pendingCount = 0;
            pendingEmitted = 0;
        } else {
            pendingEmitted = Math.max(pendingEmitted, whole);
        }
        return delta;
    }

    /** Everything emitted so far. A character still incomplete at the end is not included. */
    public String text() {
        return text.toString();
    }
}
