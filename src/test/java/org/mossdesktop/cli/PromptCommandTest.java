// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCommandTest {

    private static final String GOLDEN = "/org/mossdesktop/moss/";

    @Test
    void render_prints_the_training_text_byte_for_byte() throws Exception {
        Terminal.Output out =
                run("prompt", "--render", golden("plugin-three-turns.json").toString());

        assertEquals(0, out.code(), out.stderr());
        assertArrayEquals(goldenBytes("plugin-three-turns.prompt.txt"), out.bytes());
    }

    @Test
    void output_writes_the_same_bytes_to_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prompt.txt");

        Terminal.Output out =
                run("prompt", "--render", golden("plugin-three-turns.json").toString(), "-o", file.toString());

        assertEquals(0, out.code(), out.stderr());
        assertEquals(0, out.bytes().length);
        assertArrayEquals(goldenBytes("plugin-three-turns.prompt.txt"), Files.readAllBytes(file));
    }

    @Test
    void message_with_tools_prints_the_plugin_first_pass_after_the_history() throws Exception {
        Terminal.Output out = run(
                "prompt",
                "--message",
                "再算一次",
                "--tools",
                "search,calculator",
                "--history",
                golden("plugin-three-turns.json").toString());

        assertEquals(0, out.code(), out.stderr());
        String expected = new String(goldenBytes("plugin-three-turns.prompt.txt"), StandardCharsets.UTF_8)
                + "<|Human|>: 再算一次<eoh>\n<|Inner Thoughts|>:";
        assertEquals(expected, out.stdout());
    }

    @Test
    void parts_shows_which_text_is_a_control_token() throws Exception {
        Terminal.Output out = run("prompt", "--message", "say <eom>", "--parts");

        String parts = out.stdout();
        assertTrue(
                parts.endsWith("disabled.\\n<|Human|>: say <eom>\"\n<eoh>\n\"\\n<|Inner Thoughts|>: None\"\n<eot>\n"
                        + "\"\\n<|Commands|>: None\"\n<eoc>\n\"\\n<|Results|>: None\"\n<eor>\n\"\\n<|MOSS|>:\"\n"),
                parts);
    }

    @Test
    void a_file_that_is_no_conversation_fails_with_its_message() throws Exception {
        Terminal.Output out =
                run("prompt", "--render", golden("plugin-first-pass.prompt.txt").toString());

        assertEquals(1, out.code());
        assertTrue(out.stderr().contains("plugin-first-pass.prompt.txt"), out.stderr());
    }

    @Test
    void an_unknown_tool_is_bad_usage() {
        Terminal.Output out = run("prompt", "--message", "hi", "--tools", "teleport");

        assertEquals(2, out.code());
        assertTrue(out.stderr().contains("teleport"), out.stderr());
    }

    private static Path golden(String name) throws Exception {
        return Path.of(PromptCommandTest.class.getResource(GOLDEN + name).toURI());
    }

    private static byte[] goldenBytes(String name) throws IOException {
        try (InputStream in = PromptCommandTest.class.getResourceAsStream(GOLDEN + name)) {
            return in.readAllBytes();
        }
    }

    private static Terminal.Output run(String... args) {
        return Terminal.run(MossCommand.commandLine("test")::execute, "", args);
    }
}
