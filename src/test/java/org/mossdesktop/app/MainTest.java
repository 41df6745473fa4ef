// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void version_prints_the_name_and_the_built_version() {
        Output out = run("--version");
        assertEquals(0, out.code);
        assertEquals("MOSS Desktop " + AppInfo.version(), out.stdout.strip());
    }

    @Test
    void help_lists_the_usage() {
        Output out = run("--help");
        assertEquals(0, out.code);
        assertTrue(out.stdout.contains("Usage: moss-desktop"), out.stdout);
    }

    @Test
    void an_unknown_option_is_named_and_exits_with_2() {
        Output out = run("--frobnicate");
        assertEquals(2, out.code);
        assertTrue(out.stderr.contains("Unknown option: '--frobnicate'"), out.stderr);
    }

    @Test
    void smoke_generates_tokens_from_the_bundled_demo_model() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.smoke(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("smoke: 8 tokens from "), out::toString);
    }

    private record Output(int code, String stdout, String stderr) {}

    private static Output run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
