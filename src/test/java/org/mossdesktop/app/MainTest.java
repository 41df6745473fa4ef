// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mossdesktop.cli.Terminal;

class MainTest {

    @Test
    void version_prints_the_name_and_the_built_version() {
        Terminal.Output out = run("--version");
        assertEquals(0, out.code());
        assertEquals("MOSS Desktop " + AppInfo.version(), out.stdout().strip());
    }

    @Test
    void help_lists_the_usage() {
        Terminal.Output out = run("--help");
        assertEquals(0, out.code());
        assertTrue(out.stdout().contains("Usage: moss-desktop"), out.stdout());
    }

    @Test
    void an_unknown_option_is_named_and_exits_with_2() {
        Terminal.Output out = run("--frobnicate");
        assertEquals(2, out.code());
        assertTrue(out.stderr().contains("Unknown option: '--frobnicate'"), out.stderr());
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

    private static Terminal.Output run(String... args) {
        return Terminal.run(Main::run, "", args);
    }
}
