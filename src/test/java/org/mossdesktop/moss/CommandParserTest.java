// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    @Test
    void one_command_is_its_name_and_unquoted_argument() {
        assertEquals(List.of(new Command("Calculate", "12*sqrt(3)")), parser.parse("Calculate(\"12*sqrt(3)\")"));
    }

    @Test
    void commands_are_separated_by_commas() {
        assertEquals(
                List.of(new Command("Calculate", "12*sqrt(3)"), new Command("Calculate", "12*3")),
                parser.parse("Calculate(\"12*sqrt(3)\"), Calculate(\"12*3\")"));
    }

    @Test
    void parentheses_inside_an_argument_do_not_end_it() {
        assertEquals(List.of(new Command("Calculate", "sqrt(2)")), parser.parse("Calculate(\"sqrt(2)\")"));
        assertEquals(
                List.of(new Command("Calculate", "(4+6+sqrt(10^2-4^2-6^2))")),
                parser.parse("Calculate(\"(4+6+sqrt(10^2-4^2-6^2))\")"));
    }

    @Test
    void an_argument_may_hold_escaped_quotes_and_commas() {
        assertEquals(
                List.of(new Command("Search", "\"quoted\" words, and commas")),
                parser.parse("Search(\"\\\"quoted\\\" words, and commas\")"));
    }

    @Test
    void an_argument_may_hold_bare_quotes_and_a_closing_parenthesis_not_followed_by_a_comma() {
        assertEquals(
                List.of(new Command("Search", "the \"best\") film"), new Command("Calculate", "1+1")),
                parser.parse("Search(\"the \"best\") film\"), Calculate(\"1+1\")"));
    }

    @Test
    void a_backslash_before_anything_but_a_quote_or_backslash_is_kept() {
        assertEquals(List.of(new Command("Search", "C:\\dir a\\b")), parser.parse("Search(\"C:\\\\dir a\\b\")"));
    }

    @Test
    void chinese_arguments_are_kept_whole() {
        assertEquals(
                List.of(new Command("Search", "泰坦尼克号 头等舱，乘客数量"), new Command("Solve", "x+y=90;x-y=30")),
                parser.parse("Search(\"泰坦尼克号 头等舱，乘客数量\"), Solve(\"x+y=90;x-y=30\")"));
    }

    @Test
    void line_breaks_spaces_and_a_trailing_comma_between_commands_are_accepted() {
        assertEquals(
                List.of(new Command("Search", "a"), new Command("Search", "b"), new Command("Calculate", "1/2")),
                parser.parse("  Search(\"a\") , \nSearch ( \"b\" ), \nCalculate(\"1/2\"),"));
    }

    @Test
    void none_in_any_spelling_gives_no_commands() {
        for (String none : List.of("None", "None.", "Non", "", "   ", "None. \n\n然后我们计算")) {
            assertEquals(List.of(), parser.parse(none), none);
        }
        assertEquals(List.of(), parser.parse(null));
    }

    @Test
    void a_line_with_one_malformed_command_gives_no_commands() {
        assertEquals(List.of(), parser.parse("Calculate(\"sqrt(216)-1\") , Calculate(\"({} - 1)**2\".format(14.69))"));
        assertEquals(List.of(), parser.parse("Calculate(\"(\"+ str(2) + str(-4) + \")\" + \"*\" + str(6))"));
    }

    @Test
    void malformed_lines_give_no_commands() {
        for (String line : List.of(
                "Search(\"unclosed)",
                "Search(unquoted)",
                "Search \"x\"",
                "Search(\"a\") Search(\"b\")",
                "Search(\"a\");",
                "9Search(\"a\")",
                "搜索(\"a\")",
                "Search(\"a\"",
                "I will search for it.",
                "Search(\"a\"), , Search(\"b\")")) {
            assertEquals(List.of(), parser.parse(line), line);
        }
    }

    @Test
    void at_most_four_commands_are_kept() {
        String five = "Calculate(\"1\"), Calculate(\"2\"), Calculate(\"3\"), Calculate(\"4\"), Calculate(\"5\")";

        List<Command> commands = parser.parse(five);

        assertEquals(
                List.of("1", "2", "3", "4"),
                commands.stream().map(Command::argument).toList());
        assertEquals(5, new CommandParser(10).parse(five).size());
        assertThrows(IllegalArgumentException.class, () -> new CommandParser(0));
    }

    @Test
    void a_name_that_is_no_tool_is_parsed_and_knows_it_is_no_tool() {
        List<Command> commands = parser.parse("Translate(\"hello\"), Text2Image(\"a fox\")");

        assertEquals(Optional.empty(), commands.get(0).tool());
        assertEquals(Optional.of(Tool.TEXT_TO_IMAGE), commands.get(1).tool());
    }

    @Test
    void an_empty_argument_is_a_command_with_an_empty_argument() {
        assertEquals(List.of(new Command("Search", "")), parser.parse("Search(\"\")"));
    }
}
