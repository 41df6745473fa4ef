// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolCommandTest {

    @Test
    void a_calculation_prints_the_results_block_as_moss_reads_it() {
        Terminal.Output out = run("tool", "Calculate(\"2^10\")");

        assertEquals(0, out.code(), out.stderr());
        assertEquals("<|Results|>:\nCalculate(\"2^10\") => '1024'\n<eor>\n", out.stdout());
    }

    @Test
    void several_commands_run_in_backend_order() {
        Terminal.Output out = run("tool", "Solve(\"x+y=500;5x+8y=4000\"), Calculate(\"12*sqrt(3)\")");

        assertEquals(0, out.code(), out.stderr());
        assertEquals(
                "<|Results|>:\nCalculate(\"12*sqrt(3)\") => '20.784609690826528'\nSolve(\"x+y=500;5x+8y=4000\") =>\n"
                        + "x = 0\ny = 500\n<eor>\n",
                out.stdout());
    }

    @Test
    void a_disabled_tool_gives_none_and_says_why_on_standard_error() {
        Terminal.Output out = run("tool", "Search(\"天气\")");

        assertEquals(0, out.code());
        assertEquals("<|Results|>:\nNone\n<eor>\n", out.stdout());
        assertTrue(out.stderr().contains("Search(\"天气\"): not run"), out.stderr());
    }

    @Test
    void a_search_on_a_given_searxng_prints_the_numbered_snippets() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/search", exchange -> {
            byte[] body = ("{\"results\": [{\"url\": \"https://example.org/a\", \"title\": \"A\", \"content\":"
                            + " \"It's sunny in Shanghai.\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            Terminal.Output out = run(
                    "tool",
                    "--searxng",
                    "http://127.0.0.1:" + server.getAddress().getPort(),
                    "Search(\"上海天气\")");

            assertEquals(0, out.code(), out.stderr());
            assertEquals(
                    "<|Results|>:\nSearch(\"上海天气\") =>\n<|1|>: \"It's sunny in Shanghai.\"\n<eor>\n", out.stdout());
            assertTrue(out.stderr().contains("<|1|> A — https://example.org/a"), out.stderr());
        } finally {
            server.stop(0);
        }
    }

    private static Terminal.Output run(String... args) {
        return Terminal.run(MossCommand.commandLine("test")::execute, "", args);
    }
}
