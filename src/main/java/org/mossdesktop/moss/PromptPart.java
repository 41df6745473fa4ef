// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

/**
 * A run of a {@link Prompt}: plain text, or one control token. The split is what keeps a user (or a web page)
 * from writing a control token: text is always tokenized as text, even when it reads {@code <eom>}.
 */
public sealed interface PromptPart {

    /** The exact characters this part stands for. */
    String text();

    /** Plain text, tokenized as text; role tags such as {@code <|MOSS|>:} are plain text too. */
    record Text(String text) implements PromptPart {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text must not be null");
            }
        }
    }

    /** One control token, encoded by its id. */
    record Control(ControlToken token) implements PromptPart {
        public Control {
            if (token == null) {
                throw new IllegalArgumentException("token must not be null");
            }
        }

        @Override
        public String text() {
            return token.text();
        }
    }
}
