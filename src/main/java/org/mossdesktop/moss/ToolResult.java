// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.List;

/**
 * What a tool gave back for one {@link Command}. The protocol turns it into MOSS's trained
 * {@code <|Results|>:} text; the tools never format it themselves.
 */
public sealed interface ToolResult {

    /** A calculator value, e.g. {@code 20.784609690826528}, shown as {@code => '20.784609690826528'}. */
    record Value(String value) implements ToolResult {}

    /** An equation solver's answer, one line per variable, e.g. {@code x = 0}. */
    record Solutions(List<String> lines) implements ToolResult {
        public Solutions {
            lines = List.copyOf(lines);
        }
    }

    /** Web search hits, best first. */
    record Snippets(List<Snippet> hits) implements ToolResult {
        public Snippets {
            hits = List.copyOf(hits);
        }
    }

    /** One search hit: the snippet MOSS reads, and the source the UI links its citation to. */
    record Snippet(String title, String url, String text) {}

    /** A generated image. */
    record Image(byte[] data, String mimeType) implements ToolResult {}

    /** The tool ran and found nothing, e.g. an equation without solution: MOSS sees {@code No result.} */
    record NoResult() implements ToolResult {}

    /**
     * The tool could not run (no network, timeout, HTTP error, bad configuration). MOSS is told the tool
     * failed; {@code reason} is for the user.
     */
    record Failed(String reason) implements ToolResult {}
}
