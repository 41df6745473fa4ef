// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.util.function.BiConsumer;
import org.mossdesktop.chat.ReplyEvent.Part;
import org.mossdesktop.moss.ControlToken;

/**
 * Splits what the plugin model writes in its first pass — {@code " thoughts<eot>\n<|Commands|>: Calculate(…)"}
 * — into inner-thoughts and commands text as it streams, so the user sees MOSS think. Display only: the
 * finished text is parsed by {@link org.mossdesktop.moss.FirstPass}.
 */
final class PassOneStream {

    private static final String COMMANDS_TAG = "<|Commands|>:";

    private final StringBuilder raw = new StringBuilder();
    private final BiConsumer<Part, String> deltas;
    private int thoughtsShown;
    private int commandsShown;

    PassOneStream(BiConsumer<Part, String> deltas) {
        this.deltas = deltas;
    }

    void accept(String text) {
        raw.append(text);
        int endOfThoughts = raw.indexOf(ControlToken.EOT.text());
        String thoughts = raw.substring(0, endOfThoughts < 0 ? raw.length() : endOfThoughts)
                .stripLeading();
        thoughtsShown = emit(Part.INNER_THOUGHTS, thoughts, thoughtsShown);
        int tag = endOfThoughts < 0 ? -1 : raw.indexOf(COMMANDS_TAG, endOfThoughts);
        if (tag >= 0) {
            String commands = raw.substring(tag + COMMANDS_TAG.length()).stripLeading();
            commandsShown = emit(Part.COMMANDS, commands, commandsShown);
        }
    }

    private int emit(Part part, String text, int shown) {
        if (text.length() > shown) {
            deltas.accept(part, text.substring(shown));
        }
        return Math.max(shown, text.length());
    }
}
