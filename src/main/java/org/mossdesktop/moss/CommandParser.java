// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads MOSS's commands line, e.g. {@code Search("日本 出口"), Calculate("12*sqrt(3)")}, into commands. Model
 * output is never trusted: anything that is not a comma-separated list of {@code Name("argument")} calls
 * (MOSS's {@code None}, prose, a call with code for its argument) gives no commands, and nothing throws.
 *
 * <p>An argument runs from the opening {@code "} to the {@code "} that is followed by {@code )} and then by a
 * comma, the end of the line or another call, so it may hold commas, parentheses and quotes ({@code Calculate("sqrt(2)")},
 * {@code Search("the "best" film, 2023")}); {@code \"} and {@code \\} in it stand for {@code "} and {@code
 * \}. Whitespace and line breaks around the commas and a trailing comma are accepted: MOSS writes them when
 * it lists many commands.
 */
public final class CommandParser {

    /** MOSS's production backend ran at most four commands a turn. */
    public static final int MAX_COMMANDS = 4;

    private final int maxCommands;

    public CommandParser() {
        this(MAX_COMMANDS);
    }

    /** @param maxCommands how many commands to keep; later ones are dropped */
    public CommandParser(int maxCommands) {
        if (maxCommands < 1) {
            throw new IllegalArgumentException("maxCommands must be at least 1: " + maxCommands);
        }
        this.maxCommands = maxCommands;
    }

    /** The commands in {@code line}, at most {@link #MAX_COMMANDS} (or as configured); none when malformed. */
    public List<Command> parse(String line) {
        List<Command> commands = new ArrayList<>();
        Cursor c = new Cursor(line == null ? "" : line);
        c.skipSpace();
        while (!c.atEnd()) {
            Command command = command(c);
            if (command == null) {
                return List.of();
            }
            commands.add(command);
            c.skipSpace();
            if (c.atEnd()) {
                break;
            }
            if (!c.take(',')) {
                return List.of();
            }
            c.skipSpace();
        }
        return commands.size() > maxCommands ? List.copyOf(commands.subList(0, maxCommands)) : List.copyOf(commands);
    }

    private static Command command(Cursor c) {
        int start = c.pos;
        while (!c.atEnd() && isNameChar(c.peek())) {
            c.pos++;
        }
        if (c.pos == start || Character.isDigit(c.s.charAt(start))) {
            return null;
        }
        String name = c.s.substring(start, c.pos);
        c.skipSpace();
        if (!c.take('(')) {
            return null;
        }
        c.skipSpace();
        if (!c.take('"')) {
            return null;
        }
        StringBuilder argument = new StringBuilder();
        while (!c.atEnd()) {
            char ch = c.peek();
            if (ch == '\\'
                    && c.pos + 1 < c.s.length()
                    && (c.s.charAt(c.pos + 1) == '"' || c.s.charAt(c.pos + 1) == '\\')) {
                argument.append(c.s.charAt(c.pos + 1));
                c.pos += 2;
            } else if (ch == '"' && closesCall(c.s, c.pos + 1)) {
                c.pos++;
                c.skipSpace();
                c.take(')');
                return new Command(name, argument.toString());
            } else {
                argument.append(ch);
                c.pos++;
            }
        }
        return null;
    }

    /**
     * Whether {@code "} at {@code from - 1} ends the argument: {@code )} follows, then a comma, the end, or the
     * start of another call (a missing comma, which makes the line malformed rather than one long argument).
     */
    private static boolean closesCall(String s, int from) {
        int i = skipSpace(s, from);
        if (i >= s.length() || s.charAt(i) != ')') {
            return false;
        }
        i = skipSpace(s, i + 1);
        if (i >= s.length() || s.charAt(i) == ',') {
            return true;
        }
        int name = i;
        while (i < s.length() && isNameChar(s.charAt(i))) {
            i++;
        }
        return i > name && skipSpace(s, i) < s.length() && s.charAt(skipSpace(s, i)) == '(';
    }

    private static boolean isNameChar(char ch) {
        return ch == '_' || (ch < 128 && Character.isLetterOrDigit(ch));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        boolean take(char ch) {
            if (!atEnd() && s.charAt(pos) == ch) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            pos = CommandParser.skipSpace(s, pos);
        }
    }
}
