// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Commands line of MOSS's SFT samples, parsed, gives the commands the training data's tool ran (the
 * Results block echoes each one), and none for the lines that are not a list of calls.
 */
class CommandParserSamplesTest {

    private static final Pattern ECHO = Pattern.compile("(?m)^(\\w+)\\(\"(.*)\"\\) =>(?: |$)");
    private static final Pattern SIMPLE_CALL = Pattern.compile("(\\w+)\\(\"([^\"]*)\"\\)");

    /** Lines whose commands hold code, not a quoted argument; the training data's tool misread them. */
    private static final Set<String> MALFORMED = Set.of(
            "calculator/calculator_plugin_conversation_4.json turn_1",
            "calculator/calculator_plugin_conversation_4.json turn_2",
            "calculator/calculator_plugin_conversation_20.json turn_2");

    private record Line(String where, String commands, List<Command> ran) {}

    @TestFactory
    Stream<DynamicTest> every_commands_line_gives_the_commands_the_training_tool_ran() {
        return lines().stream()
                .map(line -> dynamicTest(line.where(), () -> {
                    List<Command> expected = MALFORMED.contains(line.where()) ? List.of() : line.ran();
                    assertEquals(expected, new CommandParser(Integer.MAX_VALUE).parse(line.commands()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_commands_line_gives_at_most_four_commands_by_default() {
        return lines().stream()
                .map(line -> dynamicTest(line.where(), () -> {
                    List<Command> expected = MALFORMED.contains(line.where()) ? List.of() : line.ran();
                    assertEquals(
                            expected.subList(0, Math.min(4, expected.size())),
                            new CommandParser().parse(line.commands()));
                }));
    }

    @Test
    void exactly_the_known_lines_are_not_a_plain_list_of_what_the_tool_ran() {
        Set<String> differing = new TreeSet<>();
        for (Line line : lines()) {
            String written =
                    line.commands().strip().replaceAll("\\s*,\\s*", ", ").replaceAll(",\\s*$", "");
            String ran =
                    String.join(", ", line.ran().stream().map(Command::text).toList());
            if (!written.startsWith("Non") && !written.equals(ran)) {
                differing.add(line.where());
            }
        }
        assertEquals(new TreeSet<>(MALFORMED), differing);
    }

    /** Every sample turn's commands line, with the commands its results echo (or, without echo, it names). */
    private static List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        for (Path file : SftSamples.files()) {
            List<JsonObject> turns = SftSamples.turns(SftSamples.json(file));
            for (int i = 0; i < turns.size(); i++) {
                String field = turns.get(i).get("Commands").getAsString();
                String commands = field.substring("<|Commands|>: ".length(), field.length() - "<eoc>\n".length());
                String results = turns.get(i).get("Tool Responses").getAsString();
                List<Command> ran = new ArrayList<>();
                if (!commands.startsWith("Non")) {
                    Matcher m = (results.contains(" =>") ? ECHO.matcher(results) : SIMPLE_CALL.matcher(commands));
                    while (m.find()) {
                        ran.add(new Command(m.group(1), m.group(2)));
                    }
                }
                lines.add(new Line(SftSamples.name(file) + " turn_" + (i + 1), commands, ran));
            }
        }
        return lines;
    }
}
