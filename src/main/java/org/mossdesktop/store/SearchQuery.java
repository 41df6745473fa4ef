// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mossdesktop.chat.SearchHit;

/**
 * A search as the user typed it: terms separated by whitespace, all of which must occur in the same message
 * (or title). Terms of three or more characters are substrings, found through the trigram index. Shorter
 * ones (common in Chinese: 北京, 天气) go through the short-term index ({@link ShortTerms}): with a CJK
 * character in them they are substrings too; without, they match the start of a word ({@code ai} finds
 * "AI", not "said"). Short terms with punctuation or a symbol in them ({@code %}, {@code C#}) are matched
 * with {@code LIKE}, which reads the candidate rows.
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

    List<String> trigramTerms() {
        return terms.stream().filter(SearchQuery::isLong).toList();
    }

    List<String> shortTerms() {
        return terms.stream().filter(ShortTerms::indexed).toList();
    }

    List<String> scannedTerms() {
        return terms.stream()
                .filter(term -> !isLong(term) && !ShortTerms.indexed(term))
                .toList();
    }

    /** An FTS5 expression for the trigram index: every long term quoted, so no character is an operator. */
    String trigramMatch() {
        return match(trigramTerms());
    }

    /** An FTS5 expression for the short-term index: the token of every short term. */
    String shortMatch() {
        return match(shortTerms().stream().map(ShortTerms::token).toList());
    }

    private static String match(List<String> phrases) {
        return String.join(
                " AND ",
                phrases.stream()
                        .map(term -> '"' + term.replace("\"", "\"\"") + '"')
                        .toList());
    }

    /** A {@code LIKE ... ESCAPE '\'} pattern that matches {@code term} anywhere. */
    static String likePattern(String term) {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static boolean isLong(String term) {
        return term.codePointCount(0, term.length()) >= 3;
    }

    /** A one-line excerpt of {@code text} around the first match, with every match in it highlighted. */
    SearchHit hit(long conversationId, long messageId, String text) {
        int first = text.length();
        for (String term : terms) {
            int at = indexOf(text, term, 0);
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
            for (int at = indexOf(snippet, term, 0); at >= 0; at = indexOf(snippet, term, at + term.length())) {
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

    /** Where {@code term} next occurs as the search matches it, case aside (at a word start, if it must be). */
    private static int indexOf(String text, String term, int from) {
        boolean wordStarts = ShortTerms.matchesWordStarts(term);
        for (int i = from; i + term.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, term, 0, term.length())
                    && (!wordStarts || ShortTerms.startsWord(text, i))) {
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
