// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * The results of MOSS's SFT samples, taken apart into what each tool gave back and written again by {@link
 * ResultsFormatter}, come out byte for byte as in the training data. Results in forms the training data's tools
 * wrote but ours never do (snippets cut inside their quotes, answer-box titles, unquoted values) are skipped.
 */
class ResultsFormatterSamplesTest {

    private static final Pattern HEAD = Pattern.compile("^(\\w+)\\(\"(.*)\"\\) =>(.*)$");
    private static final Pattern HIT = Pattern.compile("^<\\|(\\d+)\\|>: (.*)$");
    private static final Pattern QUOTED_VALUE = Pattern.compile("^ '([^'\\\\]*)'$");

    private record Sample(String where, JsonObject turn) {}

    @TestFactory
    Stream<DynamicTest> every_sample_result_in_our_forms_is_written_again_byte_for_byte() {
        return reproducible().stream()
                .map(s -> dynamicTest(s.where(), () -> {
                    String written = body(s.turn());
                    List<CommandResult> results = takeApart(s.turn()).orElseThrow();
                    // the training data's snippets run to 387 characters: no cut here
                    Results formatted = new ResultsFormatter(3, 1000).format(results);
                    assertEquals(written, formatted.text().orElse("None"));
                }));
    }

    @Test
    void most_sample_results_are_in_our_forms() {
        int all = samples().size();
        int ours = reproducible().size();
        assertTrue(ours >= all * 8 / 10, ours + " of " + all);
    }

    private static List<Sample> reproducible() {
        return samples().stream().filter(s -> takeApart(s.turn()).isPresent()).toList();
    }

    /** Every turn of the plugin samples. */
    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (Path file : SftSamples.files()) {
            JsonObject json = SftSamples.json(file);
            if (!new MetaInstruction(json.get("meta_instruction").getAsString()).innerThoughts()) {
                continue;
            }
            List<JsonObject> turns = SftSamples.turns(json);
            for (int i = 0; i < turns.size(); i++) {
                samples.add(new Sample(SftSamples.name(file) + " turn_" + (i + 1), turns.get(i)));
            }
        }
        return samples;
    }

    /** The results text between {@code <|Results|>:} and {@code <eor>}, framing removed. */
    private static String body(JsonObject turn) {
        String field = turn.get("Tool Responses").getAsString();
        String body = field.substring("<|Results|>:".length(), field.length() - "<eor>\n".length());
        return body.startsWith("\n") ? body.substring(1, body.length() - 1) : body.substring(1);
    }

    /** What the tools gave back for this turn, or empty when its results are in a form we never write. */
    private static Optional<List<CommandResult>> takeApart(JsonObject turn) {
        String body = body(turn);
        List<CommandResult> results = new ArrayList<>();
        if (body.equals("None")) {
            return Optional.of(results);
        }
        if (body.equals("Image generated successfully.")) {
            Matcher m = Pattern.compile("(\\w+)\\(\"([^\"]*)\"\\)")
                    .matcher(turn.get("Commands").getAsString());
            while (m.find()) {
                results.add(new CommandResult(
                        new Command(m.group(1), m.group(2)), new ToolResult.Image(new byte[0], "image/png")));
            }
            return Optional.of(results);
        }
        String[] lines = body.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            Matcher head = HEAD.matcher(lines[i++]);
            if (!head.matches()) {
                return Optional.empty();
            }
            Command command = new Command(head.group(1), head.group(2));
            List<String> below = new ArrayList<>();
            while (i < lines.length && !HEAD.matcher(lines[i]).matches()) {
                below.add(lines[i++]);
            }
            Optional<ToolResult> result = switch (command.name()) {
                case "Calculate" -> calculation(head.group(3), below);
                case "Solve" -> solution(head.group(3), below);
                case "Search" -> hits(head.group(3), below);
                default -> Optional.empty();
            };
            if (result.isEmpty()) {
                return Optional.empty();
            }
            results.add(new CommandResult(command, result.get()));
        }
        return Optional.of(results);
    }

    private static Optional<ToolResult> calculation(String rest, List<String> below) {
        Matcher m = QUOTED_VALUE.matcher(rest);
        if (!below.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                m.group(1).equals("No result.") ? new ToolResult.NoResult() : new ToolResult.Value(m.group(1)));
    }

    private static Optional<ToolResult> solution(String rest, List<String> below) {
        if (!rest.isEmpty() || below.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                below.equals(List.of("No result.")) ? new ToolResult.NoResult() : new ToolResult.Solutions(below));
    }

    private static Optional<ToolResult> hits(String rest, List<String> below) {
        if (!rest.isEmpty() || below.isEmpty()) {
            return Optional.empty();
        }
        List<Snippet> hits = new ArrayList<>();
        for (String line : below) {
            Matcher m = HIT.matcher(line);
            if (!m.matches()) {
                return Optional.empty();
            }
            Optional<String> text = PythonLiteral.unquote(m.group(2));
            if (text.isEmpty()) {
                return Optional.empty();
            }
            hits.add(new Snippet("", "https://example.org/" + m.group(1), text.get()));
        }
        return Optional.of(new ToolResult.Snippets(hits));
    }
}
