// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Optional;

/**
 * What the plugin model wrote in its first pass: its inner thoughts and its commands line.
 *
 * @param innerThoughts the thoughts, empty for {@code None}
 * @param commands the commands line as written, e.g. {@code Search("x")}, empty for {@code None}; give it to
 *     {@link CommandParser}
 */
public record FirstPass(Optional<String> innerThoughts, Optional<String> commands) {

    private static final String COMMANDS = "<|Commands|>:";

    /**
     * Reads the text generated after {@link PromptRenderer#prompt}'s {@code <|Inner Thoughts|>:}, control tokens
     * as their literal text, e.g. {@code " 需要搜索<eot>\n<|Commands|>: Search(\"x\")"} (a final {@code <eoc>} may
     * be there or not). Never throws: text without a commands line has thoughts only.
     */
    public static FirstPass parse(String generated) {
        int c = generated.indexOf(COMMANDS);
        String thoughts = c < 0 ? generated : generated.substring(0, c);
        thoughts = removeSuffix(removeSuffix(thoughts, "\n"), ControlToken.EOT.text());
        String commands = c < 0 ? "" : generated.substring(c + COMMANDS.length());
        commands = removeSuffix(commands, ControlToken.EOC.text());
        return new FirstPass(orNone(thoughts), orNone(commands));
    }

    private static Optional<String> orNone(String field) {
        String text = field.startsWith(" ") ? field.substring(1) : field;
        return text.isBlank() || text.equals("None") ? Optional.empty() : Optional.of(text);
    }

    private static String removeSuffix(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
