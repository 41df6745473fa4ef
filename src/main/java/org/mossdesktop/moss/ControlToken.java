// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Arrays;
import java.util.Optional;

/**
 * MOSS's six special tokens. Each is one token id (read from the tokenizer, never hard-coded); the engine
 * encodes a {@link PromptPart.Control} by id and never finds one inside plain text.
 */
public enum ControlToken {
    /** End of the human's message. */
    EOH("<eoh>"),
    /** End of MOSS's inner thoughts. */
    EOT("<eot>"),
    /** End of MOSS's commands; the plugin model's first pass stops here. */
    EOC("<eoc>"),
    /** End of the tool results. */
    EOR("<eor>"),
    /** End of MOSS's reply; generation stops here. */
    EOM("<eom>"),
    /** The base model's end of text (MOSS's bos and unk). */
    END_OF_TEXT("<|endoftext|>");

    private final String text;

    ControlToken(String text) {
        this.text = text;
    }

    /** The token's literal text, e.g. {@code <eom>}: what the tokenizer's added-token table lists. */
    public String text() {
        return text;
    }

    /** The token whose literal text is exactly {@code text}. */
    public static Optional<ControlToken> byText(String text) {
        return Arrays.stream(values()).filter(t -> t.text.equals(text)).findFirst();
    }
}
