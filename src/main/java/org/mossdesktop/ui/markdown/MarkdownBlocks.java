// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.markdown;

/**
 * Where Markdown can be cut into blocks that render the same alone as together: before a line that starts
 * in column 0 after a blank line, outside fenced code. A streaming reply then re-parses only its last,
 * still growing block each pulse; earlier blocks are rendered once.
 */
public final class MarkdownBlocks {

    private MarkdownBlocks() {}

    /**
     * The first cut in {@code text} after {@code from}, or {@code from} if there is none yet. {@code from}
     * must itself be a cut (or 0): scanning starts there outside any code fence.
     */
    public static int nextCut(CharSequence text, int from) {
        char fence = 0;
        int fenceLength = 0;
        boolean previousBlank = false;
        int lineStart = from;
        while (lineStart < text.length()) {
            int lineEnd = indexOf(text, '\n', lineStart);
            boolean complete = lineEnd >= 0;
            int end = complete ? lineEnd : text.length();
            if (fence == 0
                    && previousBlank
                    && lineStart > from
                    && end > lineStart
                    && !Character.isWhitespace(text.charAt(lineStart))) {
                return lineStart;
            }
            if (!complete) {
                break;
            }
            int indent = 0;
            while (indent < 4 && lineStart + indent < end && text.charAt(lineStart + indent) == ' ') {
                indent++;
            }
            int at = lineStart + indent;
            if (indent < 4 && at < end && (text.charAt(at) == '`' || text.charAt(at) == '~')) {
                char c = text.charAt(at);
                int run = 0;
                while (at + run < end && text.charAt(at + run) == c) {
                    run++;
                }
                if (fence == 0 && run >= 3) {
                    fence = c;
                    fenceLength = run;
                } else if (fence == c && run >= fenceLength && isBlank(text, at + run, end)) {
                    fence = 0;
                }
            }
            previousBlank = isBlank(text, lineStart, end);
            lineStart = lineEnd + 1;
        }
        return from;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
