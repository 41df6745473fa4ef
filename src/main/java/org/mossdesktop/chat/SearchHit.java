// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.util.List;

/**
 * A conversation that matches a search, with the text around the match.
 *
 * @param conversationId the matching conversation
 * @param messageId the latest matching message, or 0 when the title matched
 * @param snippet a one-line excerpt of the title or message around the first match
 * @param highlights where the search terms occur in {@code snippet}, in order
 */
public record SearchHit(long conversationId, long messageId, String snippet, List<Span> highlights) {

    public SearchHit {
        highlights = List.copyOf(highlights);
    }

    /** Characters {@code [start, end)} of the snippet. */
    public record Span(int start, int end) {}

    public boolean titleMatched() {
        return messageId == 0;
    }
}
