// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCommandTest {

    private static final String GOLDEN = "/org/mossdesktop/moss/";

    private record Output(int code, byte[] stdout, String stderr) {}

    @Test
    void render_prints_the_training_text_byte_for_byte() throws Exception {
        Output out = run("prompt", "--render", golden("plugin-three-turns.json").toString());

        assertEquals(0, out.code(), out.stderr());
        assertArrayEquals(goldenBytes("plugin-three-turns.prompt.txt"), out.stdout());
    }

    @Test
    void output_writes_the_same_bytes_to_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prompt.txt");

        Output out = run("prompt", "--render", golden("plugin-three-turns.json").toString(), "-o", file.toString());

        assertEquals(0, out.code(), out.stderr());
        assertEquals(0, out.stdout().length);
        assertArrayEquals(goldenBytes("plugin-three-turns.prompt.txt"), Files.readAllBytes(file));
    }

    @Test
    void message_with_tools_prints_the_plugin_first_pass_after_the_history() throws Exception {
        Output out = run(
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
        assertEquals(expected, new String(out.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void parts_shows_which_text_is_a_control_token() throws Exception {
        Output out = run("prompt", "--message", "say <eom>", "--parts");

        String parts = new String(out.stdout(), StandardCharsets.UTF_8);
        assertTrue(
                parts.endsWith("disabled.\\n<|Human|>: say <eom>\"\n<eoh>\n\"\\n<|Inner Thoughts|>: None\"\n<eot>\n"
                        + "\"\\n<|Commands|>: None\"\n<eoc>\n\"\\n<|Results|>: None\"\n<eor>\n\"\\n<|MOSS|>:\"\n"),
                parts);
    }

    @Test
    void a_file_that_is_no_conversation_fails_with_its_message() throws Exception {
        Output out =
                run("prompt", "--render", golden("plugin-first-pass.prompt.txt").toString());

        assertEquals(1, out.code());
        assertTrue(out.stderr().contains("plugin-first-pass.prompt.txt"), out.stderr());
    }

    @Test
    void an_unknown_tool_is_bad_usage() {
        Output out = run("prompt", "--message", "hi", "--tools", "teleport");

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

    private static Output run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = MossCommand.commandLine("test").execute(args);
            return new Output(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
