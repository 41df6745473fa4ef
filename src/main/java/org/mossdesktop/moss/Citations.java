// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * The search hits of one turn by the number MOSS saw them under ({@code <|1|>}, {@code <|2|>}, … across all
 * searches of the turn), so the reply's {@code <sup><|1|></sup>} can link to its source.
 */
public record Citations(SortedMap<Integer, Snippet> sources) {

    private static final Citations NONE = new Citations(new TreeMap<>());
    private static final Pattern MARK = Pattern.compile("<\\|(\\d{1,3})\\|>");

    public Citations {
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources));
    }

    public static Citations none() {
        return NONE;
    }

    /** The hit MOSS saw as {@code <|number|>}. */
    public Optional<Snippet> get(int number) {
        return Optional.ofNullable(sources.get(number));
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The numbers a reply cites, in order of appearance, e.g. [2, 1] for "…<sup><|2|></sup>…<|1|>". */
    public static List<Integer> citedIn(String reply) {
        List<Integer> numbers = new ArrayList<>();
        Matcher m = MARK.matcher(reply);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }
}
