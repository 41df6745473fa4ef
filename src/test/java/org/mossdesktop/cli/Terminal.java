// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/** Runs a command line in this JVM as a terminal would: standard input given, output and errors captured. */
public final class Terminal {

    /** What a command printed, and its exit code. */
    public record Output(int code, byte[] bytes, String stderr) {
        public String stdout() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Terminal() {}

    /** Runs {@code command} (e.g. {@code Main::run}) on {@code args} with {@code stdin} as standard input. */
    public static Output run(ToIntFunction<String[]> command, String stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = command.applyAsInt(args);
            return new Output(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
