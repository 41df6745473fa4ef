// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.mossdesktop.i18n.UserFacingException;

/**
 * Fits a prompt into MOSS's context window with room for the reply: keeps the meta instruction and the new
 * message, and drops whole turns from the start of the history until prompt + reply budget fit.
 */
public final class ContextTrimmer {

    /** MOSS's context: its position table and causal mask are 2048 long. */
    public static final int WINDOW = 2048;

    private final ToIntFunction<Prompt> tokenCount;
    private final int window;
    private final int replyBudget;

    /**
     * @param tokenCount how many tokens the engine's tokenizer makes of a prompt
     * @param window the context window in tokens, {@link #WINDOW} for MOSS
     * @param replyBudget the tokens kept free for the reply (the max new tokens)
     */
    public ContextTrimmer(ToIntFunction<Prompt> tokenCount, int window, int replyBudget) {
        if (replyBudget < 1 || replyBudget >= window) {
            throw new IllegalArgumentException(
                    "replyBudget must be between 1 and the window (" + window + "): " + replyBudget);
        }
        this.tokenCount = tokenCount;
        this.window = window;
        this.replyBudget = replyBudget;
    }

    /**
     * The prompt {@code render} makes of the longest tail of {@code history} that fits, e.g. {@code h ->
     * renderer.prompt(meta, h, message)}.
     *
     * @throws UserFacingException {@code moss.context.tooLong} when the prompt does not fit even without
     *     history
     */
    public Fitted fit(List<Turn> history, Function<List<Turn>, Prompt> render) {
        int n = history.size();
        Prompt bare = render.apply(List.of());
        int bareTokens = tokenCount.applyAsInt(bare);
        if (bareTokens + replyBudget > window) {
            throw new UserFacingException("moss.context.tooLong", bareTokens, window - replyBudget, replyBudget);
        }
        // Fewer turns never make a longer prompt, so the number of turns to drop can be searched for.
        Fitted best = new Fitted(bare, bareTokens, n);
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int drop = (lo + hi) >>> 1;
            Prompt prompt = render.apply(history.subList(drop, n));
            int tokens = tokenCount.applyAsInt(prompt);
            if (tokens + replyBudget <= window) {
                best = new Fitted(prompt, tokens, drop);
                hi = drop - 1;
            } else {
                lo = drop + 1;
            }
        }
        return best;
    }

    /**
     * A prompt that fits.
     *
     * @param prompt the prompt to generate from
     * @param tokens its length in tokens
     * @param droppedTurns how many of the oldest turns it leaves out
     */
    public record Fitted(Prompt prompt, int tokens, int droppedTurns) {}
}
