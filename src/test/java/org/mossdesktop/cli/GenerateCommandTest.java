// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mossdesktop.app.Main;
import org.mossdesktop.engine.DemoModel;

/** generate and chat on the bundled demo model, through the real command line. */
class GenerateCommandTest {

    @BeforeAll
    static void needsTheDemoModel() {
        Path demo = Path.of(System.getProperty("moss.repo", ".")).resolve(DemoModel.RELATIVE_PATH);
        assumeTrue(Files.isDirectory(demo), "no demo model");
    }

    @Test
    void generate_streams_a_greedy_reply_that_ends_at_eom() {
        Terminal.Output out = run("", "generate", "--prompt", "Hello! Who are you?", "--greedy", "--threads", "2");
        assertEquals(0, out.code(), out.stderr());
        assertTrue(out.stderr().startsWith("[EOM · "), out.stderr());
        assertTrue(!out.stdout().isBlank() && !out.stdout().contains("<eom>"), out.stdout());
    }

    @Test
    void generate_json_gives_one_line_per_token_and_a_summary_with_the_text() {
        Terminal.Output out =
                run("", "generate", "--prompt", "你好", "--greedy", "--max-tokens", "6", "--json", "--threads", "2");
        assertEquals(0, out.code(), out.stderr());
        List<String> lines = out.stdout().lines().toList();
        JsonObject summary = JsonParser.parseString(lines.getLast()).getAsJsonObject();
        int tokens = summary.get("generated_tokens").getAsInt();
        boolean eom = summary.get("finish").getAsString().equals("EOM");
        // the <eom> that ends a reply is counted but not streamed: it is no text
        assertEquals(eom ? tokens - 1 : tokens, lines.size() - 1);
        StringBuilder text = new StringBuilder();
        for (String line : lines.subList(0, lines.size() - 1)) {
            JsonObject token = JsonParser.parseString(line).getAsJsonObject();
            assertTrue(token.has("id") && token.has("ms"), line);
            text.append(token.get("text").getAsString());
        }
        assertEquals(summary.get("text").getAsString(), text.toString());
    }

    @Test
    void a_missing_model_folder_is_named_and_fails_with_1() {
        Terminal.Output out = run("", "generate", "--model", "/no/such/model", "--prompt", "hi");
        assertEquals(1, out.code());
        assertEquals("No model folder at /no/such/model.", out.stderr().strip());
    }

    @Test
    void chat_keeps_the_conversation_and_reuses_the_cache_for_the_second_turn() {
        Terminal.Output out =
                run("Hello!\nWhat is your name?\n/quit\n", "chat", "--greedy", "--stats", "--threads", "2");
        assertEquals(0, out.code(), out.stderr());
        List<String> stats = out.stderr().lines().filter(l -> l.startsWith("[")).toList();
        assertEquals(2, stats.size(), out.stderr());
        // "[EOM · 412 prompt tokens (398 reused) · …]": the second turn computes only what is new
        int reused = Integer.parseInt(stats.get(1).replaceAll(".*\\((\\d+) reused\\).*", "$1"));
        assertTrue(reused > 300, stats.get(1));
    }

    private static Terminal.Output run(String stdin, String... args) {
        return Terminal.run(Main::run, stdin, args);
    }
}
