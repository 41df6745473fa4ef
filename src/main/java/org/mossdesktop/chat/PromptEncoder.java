// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.util.Arrays;
import org.mossdesktop.engine.Tokenizer;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptPart;

/**
 * Turns a MOSS {@link Prompt} into token ids: each text run through the tokenizer as plain text, each control
 * token by its id from the model's manifest. Text runs are whole between control tokens (the prompt merges
 * adjacent text), so the ids are those MOSS's own tokenizer gave the same training text.
 */
public final class PromptEncoder {

    private final Tokenizer tokenizer;

    public PromptEncoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    public int[] encode(Prompt prompt) {
        int[] ids = new int[0];
        int length = 0;
        for (PromptPart part : prompt.parts()) {
            int[] piece = switch (part) {
                case PromptPart.Text(String text) -> tokenizer.encode(text);
                case PromptPart.Control(var token) ->
                    new int[] {tokenizer.specialTokens().id(token.text())};
            };
            if (length + piece.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(2 * ids.length, length + piece.length));
            }
            System.arraycopy(piece, 0, ids, length, piece.length);
            length += piece.length;
        }
        return Arrays.copyOf(ids, length);
    }

    /** How many tokens {@code prompt} takes (for {@link org.mossdesktop.moss.ContextTrimmer}). */
    public int count(Prompt prompt) {
        return encode(prompt).length;
    }
}
