// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.mossdesktop.moss.ToolResult.Failed;
import org.mossdesktop.moss.ToolResult.Image;
import org.mossdesktop.moss.ToolResult.NoResult;
import org.mossdesktop.moss.ToolResult.Snippet;
import org.mossdesktop.moss.ToolResult.Snippets;
import org.mossdesktop.moss.ToolResult.Solutions;
import org.mossdesktop.moss.ToolResult.Value;

/**
 * Writes what the tools gave back the way MOSS's training data shows it, one command after another:
 *
 * <pre>
 * Calculate("12*sqrt(3)") =&gt; '20.784609690826528'
 * Solve("x+y=500;5x+8y=4000") =&gt;
 * x = 0
 * y = 500
 * Search("日本 出口") =&gt;
 * &lt;|1|&gt;: '分商品看，机电产品…'
 * &lt;|2|&gt;: "It's …"
 * </pre>
 *
 * <p>Values and snippets are quoted as Python's {@code repr} quotes a string, as in the training data: in
 * {@code '…'}, or in {@code "…"} when the text holds a {@code '} and no {@code "}, with line breaks and other
 * unprintable characters escaped ({@code \n}, {@code \xa0}). So a web page can neither break the line layout
 * nor end the quote; and since the renderer writes tool text as plain text, it can never write a control
 * token either. Each value, snippet or solution is cut to a maximum length first. Search hits are numbered
 * across all searches of the turn; a turn whose only commands made images reads {@code Image generated
 * successfully.}, as trained.
 */
public final class ResultsFormatter {

    /** The training data shows at most three hits per search. */
    public static final int SNIPPETS_PER_SEARCH = 3;
    /** The training data cut snippets at 300 or 400 characters; 3 Chinese ones of 300 can take a third of the window. */
    public static final int MAX_RESULT_CHARS = 300;

    static final String IMAGE_DONE = "Image generated successfully.";
    static final String NO_RESULT = "No result.";

    private final int snippetsPerSearch;
    private final int maxResultChars;

    public ResultsFormatter() {
        this(SNIPPETS_PER_SEARCH, MAX_RESULT_CHARS);
    }

    /**
     * @param snippetsPerSearch how many hits of each search MOSS reads
     * @param maxResultChars the longest value, snippet or solution text, in characters (code points)
     */
    public ResultsFormatter(int snippetsPerSearch, int maxResultChars) {
        if (snippetsPerSearch < 1 || maxResultChars < 1) {
            throw new IllegalArgumentException("snippetsPerSearch and maxResultChars must be positive: "
                    + snippetsPerSearch + ", " + maxResultChars);
        }
        this.snippetsPerSearch = snippetsPerSearch;
        this.maxResultChars = maxResultChars;
    }

    /** The results text for these commands, in their order; {@link Results#none()} when there are none. */
    public Results format(List<CommandResult> results) {
        if (results.isEmpty()) {
            return Results.none();
        }
        if (results.stream()
                .allMatch(r ->
                        r.command().tool().equals(Optional.of(Tool.TEXT_TO_IMAGE)) && r.result() instanceof Image)) {
            return new Results(Optional.of(IMAGE_DONE), Citations.none());
        }
        StringBuilder sb = new StringBuilder();
        TreeMap<Integer, Snippet> cited = new TreeMap<>();
        for (CommandResult r : results) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            Command command = r.command();
            boolean block = command.tool()
                    .filter(t -> t == Tool.WEB_SEARCH || t == Tool.EQUATION_SOLVER)
                    .isPresent();
            sb.append(command.text()).append(" =>");
            switch (r.result()) {
                case Value(String value) -> sb.append(' ').append(quoted(cut(value)));
                case Solutions(List<String> lines) -> {
                    String text = cut(String.join("\n", lines)).strip();
                    sb.append('\n').append(text.isEmpty() ? NO_RESULT : text);
                }
                case Snippets(List<Snippet> hits) -> appendSnippets(sb, hits, cited);
                case Image _ -> sb.append(' ').append(IMAGE_DONE);
                case NoResult _ -> sb.append(block ? "\n" : " ").append(noResult(command));
                case Failed _ -> sb.append(block ? "\n" : " ").append(failure(command));
            }
        }
        return new Results(Optional.of(sb.toString()), new Citations(cited));
    }

    private void appendSnippets(StringBuilder sb, List<Snippet> hits, TreeMap<Integer, Snippet> cited) {
        int shown = 0;
        for (Snippet hit : hits) {
            if (shown == snippetsPerSearch) {
                break;
            }
            String text = hit.text() == null || hit.text().isBlank() ? hit.title() : hit.text();
            if (text == null || text.isBlank()) {
                continue;
            }
            int number = cited.size() + 1;
            cited.put(number, hit);
            sb.append("\n<|").append(number).append("|>: ").append(quoted(cut(text)));
            shown++;
        }
        if (shown == 0) {
            sb.append('\n').append(NO_RESULT);
        }
    }

    /** The calculator's samples quote "No result." like a value; the others write it bare. */
    private static String noResult(Command command) {
        return command.tool().equals(Optional.of(Tool.CALCULATOR)) ? quoted(NO_RESULT) : NO_RESULT;
    }

    /** What MOSS reads when a tool could not run; why is for the user, not the model. */
    private static String failure(Command command) {
        return command.tool().map(t -> t.capability() + " failed.").orElse("The command failed.");
    }

    private String cut(String text) {
        if (text.codePointCount(0, text.length()) <= maxResultChars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxResultChars));
    }

    /**
     * {@code text} quoted as Python's {@code repr(str)} quotes it, one UTF-16 unit at a time: the training data
     * writes characters beyond the BMP (emoji) as escaped surrogate pairs, {@code \\ud83d\\udce2}, never raw.
     */
    static String quoted(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(quote);
                    } else if (isPrintable(c)) {
                        sb.append(c);
                    } else if (c < 0x100) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's str.isprintable for one character: not a control, format, surrogate, private, unassigned or
     * separator character, the ASCII space excepted. */
    private static boolean isPrintable(char c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
