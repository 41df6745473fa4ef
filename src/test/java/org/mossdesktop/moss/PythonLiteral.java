// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Optional;

/** Reads a Python string literal as {@code repr} writes it, to take the training data's results apart. */
final class PythonLiteral {

    private PythonLiteral() {}

    /** The string {@code literal} stands for, or empty when it is not one whole literal. */
    static Optional<String> unquote(String literal) {
        if (literal.length() < 2) {
            return Optional.empty();
        }
        char quote = literal.charAt(0);
        if ((quote != '\'' && quote != '"') || literal.charAt(literal.length() - 1) != quote) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        int end = literal.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = literal.charAt(i);
            if (c == quote) {
                return Optional.empty();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= end) {
                return Optional.empty();
            }
            char e = literal.charAt(i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\', '\'', '"' -> sb.append(e);
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits >= end + 1) {
                        return Optional.empty();
                    }
                    sb.appendCodePoint(Integer.parseInt(literal.substring(i + 1, i + 1 + digits), 16));
                    i += digits;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(sb.toString());
    }
}
