// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * What a search term of one or two characters is found by: the tokens of the short-term indexes
 * ({@code message_short_search}, {@code title_short_search}; the trigram index serves three or more).
 * SQLite's tokenizers cannot split Chinese, which has no spaces between words, so the store writes the
 * tokens itself, through the SQL function {@value #FUNCTION} that the indexes' triggers call, and the index
 * only splits them at spaces. A text's tokens are
 *
 * <ul>
 *   <li>every CJK character, and every pair of adjacent characters of which one is CJK, so a short term
 *       with a CJK character in it is found anywhere, as a substring, as {@code LIKE} found it: 北京 in
 *       我在北京工作, U盘 in 买了U盘;
 *   <li>the first character, and the first two, of every other word (letters and digits between spaces,
 *       punctuation or CJK), so a short term without CJK finds the words it begins: {@code ai} finds "AI"
 *       and "aims", not "said" or "Shanghai"; {@code 12} finds "12°C", not "2012".
 * </ul>
 *
 * Both sides are lower-cased here, so the index needs only SQLite's {@code ascii} tokenizer, which keeps
 * every non-ASCII character in a token. A short term with punctuation or a symbol in it ({@code %},
 * {@code C#}) has no token and is still matched with {@code LIKE}.
 */
final class ShortTerms {

    /** The SQL function, {@code short_terms(text)}: the tokens of {@code text}, separated by spaces. */
    static final String FUNCTION = "short_terms";

    private ShortTerms() {}

    /** Lets this connection's triggers call {@value #FUNCTION}; every connection that writes needs it. */
    static void register(Connection connection) throws SQLException {
        Function.create(
                connection,
                FUNCTION,
                new Function() {
                    @Override
                    protected void xFunc() throws SQLException {
                        String text = value_text(0);
                        result(text == null ? "" : tokens(text));
                    }
                },
                1,
                Function.FLAG_DETERMINISTIC);
    }

    static String tokens(String text) {
        StringBuilder tokens = new StringBuilder(text.length() * 3);
        int previous = -1; // the character before, lower-cased, if it can be part of a token
        int wordLength = 0; // characters so far of the current word (not CJK)
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!isTokenCharacter(c)) {
                previous = -1;
                wordLength = 0;
                continue;
            }
            c = Character.toLowerCase(c);
            boolean cjk = isCjk(c);
            if (cjk) {
                append(tokens, -1, c);
                wordLength = 0;
            } else if (++wordLength <= 2) {
                append(tokens, wordLength == 1 ? -1 : previous, c);
            }
            if (previous >= 0 && (cjk || isCjk(previous))) {
                append(tokens, previous, c);
            }
            previous = c;
        }
        return tokens.toString();
    }

    /** Whether the short-term index can serve {@code term}: one or two letters, digits or CJK characters. */
    static boolean indexed(String term) {
        int length = term.codePointCount(0, term.length());
        return length >= 1 && length <= 2 && term.codePoints().allMatch(ShortTerms::isTokenCharacter);
    }

    /** The token {@code term} is found by; only for {@link #indexed} terms. */
    static String token(String term) {
        StringBuilder token = new StringBuilder();
        term.codePoints().map(Character::toLowerCase).forEach(token::appendCodePoint);
        return token.toString();
    }

    /** Whether {@code term} is matched at the start of words only, not anywhere (an indexed term without CJK). */
    static boolean matchesWordStarts(String term) {
        return indexed(term) && term.codePoints().noneMatch(ShortTerms::isCjk);
    }

    /** Whether a word (as {@link #tokens} splits them) starts at {@code index} of {@code text}. */
    static boolean startsWord(String text, int index) {
        if (index == 0) {
            return true;
        }
        int before = text.codePointBefore(index);
        return !isTokenCharacter(before) || isCjk(before);
    }

    private static void append(StringBuilder tokens, int first, int second) {
        if (!tokens.isEmpty()) {
            tokens.append(' ');
        }
        if (first >= 0) {
            tokens.appendCodePoint(first);
        }
        tokens.appendCodePoint(second);
    }

    /** Letters, digits, other numbers and private-use characters: what a word is made of. */
    private static boolean isTokenCharacter(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    /** Chinese, Japanese and Korean script: written without spaces between words. */
    private static boolean isCjk(int c) {
        return switch (Character.UnicodeScript.of(c)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> true;
            default -> false;
        };
    }
}
