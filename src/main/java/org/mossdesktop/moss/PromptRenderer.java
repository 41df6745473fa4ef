// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.List;
import java.util.Optional;

/**
 * Writes conversations in MOSS's training layout, byte for byte:
 *
 * <pre>
 * {meta instruction}&lt;|Human|&gt;: {human}&lt;eoh&gt;
 * &lt;|Inner Thoughts|&gt;: {thoughts | None}&lt;eot&gt;
 * &lt;|Commands|&gt;: {commands | None}&lt;eoc&gt;
 * &lt;|Results|&gt;:
 * {results}
 * &lt;eor&gt;
 * &lt;|MOSS|&gt;: {reply}&lt;eom&gt;
 * </pre>
 *
 * <p>Role tags are plain text; the end tags are control tokens; every human, MOSS and tool text is plain
 * text. A turn without results reads {@code <|Results|>: None<eor>} in the plain-chat layout and {@code
 * <|Results|>:\nNone\n<eor>} in the plugin layout, as in the training data (docs/decisions/0002).
 *
 * <p>A new message is answered in one pass with a plain-chat meta instruction ({@link #prompt} ends at {@code
 * <|MOSS|>:}), and in two with a plugin one: {@link #prompt} ends at {@code <|Inner Thoughts|>:}, the model
 * writes its thoughts and commands and stops at {@code <eoc>}, the tools run, and {@link #secondPass} adds the
 * results and {@code <|MOSS|>:}.
 */
public final class PromptRenderer {

    private static final String HUMAN = "<|Human|>:";
    private static final String THOUGHTS = "<|Inner Thoughts|>:";
    private static final String COMMANDS = "<|Commands|>:";
    private static final String RESULTS = "<|Results|>:";
    private static final String MOSS = "<|MOSS|>:";
    private static final String NONE = "None";

    private final boolean compactHistoryResults;

    /** Renders history as trained: every turn with its results. */
    public PromptRenderer() {
        this(false);
    }

    /**
     * @param compactHistoryResults whether the results of earlier turns are written as {@code None} in the
     *     prompt for a new message, as MOSS's production backend did: search results take hundreds of tokens
     *     of a 2048-token window, and MOSS has already used them in its reply
     */
    public PromptRenderer(boolean compactHistoryResults) {
        this.compactHistoryResults = compactHistoryResults;
    }

    /** The meta instruction and every turn: the exact text MOSS was trained on for such a conversation. */
    public Prompt conversation(MetaInstruction meta, List<Turn> turns) {
        Prompt.Builder b = Prompt.builder().text(meta.text());
        for (Turn turn : turns) {
            appendTurn(b, turn, meta.innerThoughts(), turn.results());
        }
        return b.build();
    }

    /**
     * The prompt that asks MOSS to answer {@code message} after {@code history}. With a plain-chat meta
     * instruction it ends at {@code <|MOSS|>:} (after the turn's {@code None} thoughts, commands and results):
     * generate to {@code <eom>}. With a plugin meta instruction it is the first pass and ends at {@code <|Inner
     * Thoughts|>:}: generate to {@code <eoc>}, then call {@link #secondPass}.
     */
    public Prompt prompt(MetaInstruction meta, List<Turn> history, String message) {
        boolean plugin = meta.innerThoughts();
        Prompt.Builder b = Prompt.builder().text(meta.text());
        for (Turn turn : history) {
            appendTurn(b, turn, plugin, compactHistoryResults ? Optional.empty() : turn.results());
        }
        appendHuman(b, message);
        if (plugin) {
            return b.text(THOUGHTS).build();
        }
        appendLine(b, THOUGHTS, NONE, ControlToken.EOT);
        appendLine(b, COMMANDS, NONE, ControlToken.EOC);
        appendResults(b, Optional.empty(), false);
        return b.text(MOSS).build();
    }

    /**
     * The plugin model's second pass: the first-pass prompt, what the model generated there (control tokens as
     * their literal text, e.g. {@code " 需要计算<eot>\n<|Commands|>: Calculate(\"2+2\")"}), {@code <eoc>}, the
     * results block, and {@code <|MOSS|>:}. Generate to {@code <eom>}.
     *
     * @param results the tools' results ({@link ResultsFormatter}), empty for {@code None}
     */
    public Prompt secondPass(Prompt firstPass, String generated, Optional<String> results) {
        Prompt written = Prompt.ofModelOutput(generated);
        Prompt.Builder b = Prompt.builder().append(firstPass).append(written);
        List<PromptPart> parts = written.parts();
        if (parts.isEmpty() || !parts.getLast().equals(new PromptPart.Control(ControlToken.EOC))) {
            b.control(ControlToken.EOC);
        }
        b.text("\n");
        appendResults(b, results, true);
        return b.text(MOSS).build();
    }

    private static void appendTurn(Prompt.Builder b, Turn turn, boolean plugin, Optional<String> results) {
        appendHuman(b, turn.human());
        appendLine(b, THOUGHTS, turn.innerThoughts().orElse(NONE), ControlToken.EOT);
        appendLine(b, COMMANDS, turn.commands().orElse(NONE), ControlToken.EOC);
        appendResults(b, results, plugin);
        appendLine(b, MOSS, turn.reply(), ControlToken.EOM);
    }

    private static void appendHuman(Prompt.Builder b, String message) {
        appendLine(b, HUMAN, message, ControlToken.EOH);
    }

    private static void appendLine(Prompt.Builder b, String tag, String text, ControlToken end) {
        b.text(tag).text(" ").text(text).control(end).text("\n");
    }

    private static void appendResults(Prompt.Builder b, Optional<String> results, boolean plugin) {
        if (results.isEmpty()) {
            // The two layouts were trained with different forms of "no results".
            b.text(plugin ? RESULTS + "\n" + NONE + "\n" : RESULTS + " " + NONE);
        } else if (isInline(results.get())) {
            b.text(RESULTS).text(" ").text(results.get());
        } else {
            b.text(RESULTS).text("\n").text(results.get()).text("\n");
        }
        b.control(ControlToken.EOR).text("\n");
    }

    /** {@code Image generated successfully.} sits on the Results line; command echoes go below it. */
    static boolean isInline(String results) {
        return results.indexOf('\n') < 0 && !results.contains(" =>");
    }
}
