// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mossdesktop.chat.SearchHit;

/**
 * A search as the user typed it: terms separated by whitespace, each matched as a substring. Terms of three
 * or more characters go through the trigram index ({@code MATCH}); shorter ones (common in Chinese: 北京,
 * 天气) cannot, since the index holds only three-character sequences, and are matched with {@code LIKE},
 * which reads the candidate rows.
 */
record SearchQuery(List<String> terms) {

    static final int MAX_TERMS = 8;
    private static final int SNIPPET_BEFORE = 30;
    private static final int SNIPPET_LENGTH = 120;

    SearchQuery {
        terms = List.copyOf(terms);
    }

    static SearchQuery parse(String query) {
        List<String> terms = new ArrayList<>();
        for (String term : query.strip().split("\\s+")) {
            if (!term.isEmpty() && !terms.contains(term) && terms.size() < MAX_TERMS) {
                terms.add(term);
            }
        }
        return new SearchQuery(terms);
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    List<String> indexedTerms() {
        return terms.stream().filter(SearchQuery::indexable).toList();
    }

    List<String> scannedTerms() {
        return terms.stream().filter(term -> !indexable(term)).toList();
    }

    /** An FTS5 expression: every indexed term as a quoted phrase, so no character is an operator. */
    String matchExpression() {
        return String.join(
                " AND ",
                indexedTerms().stream()
                        .map(term -> '"' + term.replace("\"", "\"\"") + '"')
                        .toList());
    }

    /** A {@code LIKE ... ESCAPE '\'} pattern that matches {@code term} anywhere. */
    static String likePattern(String term) {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static boolean indexable(String term) {
        return term.codePointCount(0, term.length()) >= 3;
    }

    /** A one-line excerpt of {@code text} around the first match, with every match in it highlighted. */
    SearchHit hit(long conversationId, long messageId, String text) {
        int first = text.length();
        for (String term : terms) {
            int at = indexOfIgnoreCase(text, term, 0);
            if (at >= 0) {
                first = Math.min(first, at);
            }
        }
        if (first == text.length()) {
            first = 0;
        }
        int start = Math.max(0, first - SNIPPET_BEFORE);
        int end = Math.min(text.length(), start + SNIPPET_LENGTH);
        // Never cut a surrogate pair (emoji, rare CJK) in half.
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start--;
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
            end++;
        }
        String snippet = (start > 0 ? "…" : "")
                + text.substring(start, end).replaceAll("\\s", " ")
                + (end < text.length() ? "…" : "");
        return new SearchHit(conversationId, messageId, snippet, highlights(snippet));
    }

    private List<SearchHit.Span> highlights(String snippet) {
        List<SearchHit.Span> spans = new ArrayList<>();
        for (String term : terms) {
            for (int at = indexOfIgnoreCase(snippet, term, 0);
                    at >= 0;
                    at = indexOfIgnoreCase(snippet, term, at + term.length())) {
                spans.add(new SearchHit.Span(at, at + term.length()));
            }
        }
        spans.sort(Comparator.comparingInt(SearchHit.Span::start).thenComparingInt(SearchHit.Span::end));
        // Overlapping terms ("ab", "bc" in "abc") become one span.
        List<SearchHit.Span> merged = new ArrayList<>();
        for (SearchHit.Span span : spans) {
            SearchHit.Span last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && span.start() <= last.end()) {
                merged.set(merged.size() - 1, new SearchHit.Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static int indexOfIgnoreCase(String text, String term, int from) {
        for (int i = from; i + term.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, term, 0, term.length())) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return Arrays.toString(terms.toArray());
    }
}
