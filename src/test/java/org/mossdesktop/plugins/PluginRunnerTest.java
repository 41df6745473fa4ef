// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.Command;
import org.mossdesktop.moss.CommandResult;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;

class PluginRunnerTest {

    private Locale language;

    @BeforeEach
    void english() {
        language = Messages.locale();
        Messages.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void restore() {
        Messages.setLocale(language);
    }

    /** A tool that answers with its argument, or takes its time, or breaks: what the runner must survive. */
    private record Echo(
            Tool tool, Duration timeout, long sleepMillis, AtomicBoolean interrupted, CountDownLatch running)
            implements Plugin {
        Echo(Tool tool) {
            this(tool, Duration.ofSeconds(5), 0);
        }

        Echo(Tool tool, Duration timeout, long sleepMillis) {
            this(tool, timeout, sleepMillis, new AtomicBoolean(), new CountDownLatch(1));
        }

        @Override
        public ToolResult run(String argument) throws InterruptedException {
            if (argument.equals("throw")) {
                throw new IllegalStateException("broken");
            }
            running.countDown();
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return new ToolResult.Value(tool.api() + ":" + argument);
        }
    }

    private static Command command(String name, String argument) {
        return new Command(name, argument);
    }

    @Test
    void commands_run_in_moss_backend_order_search_calculate_solve_text2image() throws InterruptedException {
        try (PluginRunner runner = new PluginRunner(List.of(
                new Echo(Tool.TEXT_TO_IMAGE),
                new Echo(Tool.EQUATION_SOLVER),
                new Echo(Tool.CALCULATOR),
                new Echo(Tool.WEB_SEARCH)))) {
            List<CommandResult> calls = runner.run(List.of(
                    command("Text2Image", "cat"),
                    command("Solve", "x=1"),
                    command("Calculate", "1+1"),
                    command("Search", "news")));

            assertEquals(
                    List.of("Search:news", "Calculate:1+1", "Solve:x=1", "Text2Image:cat"),
                    calls.stream()
                            .map(c -> ((ToolResult.Value) c.result()).value())
                            .toList());
        }
    }

    @Test
    void a_disabled_or_unknown_command_is_not_called() throws InterruptedException {
        try (PluginRunner runner = new PluginRunner(List.of(new Echo(Tool.CALCULATOR)))) {
            List<CommandResult> calls = runner.run(
                    List.of(command("Search", "news"), command("Calculate", "2+2"), command("Translate", "hello")));

            assertEquals(
                    List.of(new CommandResult(command("Calculate", "2+2"), new ToolResult.Value("Calculate:2+2"))),
                    calls);
        }
    }

    @Test
    void at_most_four_commands_run_as_in_moss_backend() throws InterruptedException {
        try (PluginRunner runner = new PluginRunner(List.of(new Echo(Tool.CALCULATOR)))) {
            List<CommandResult> calls = runner.run(List.of(
                    command("Calculate", "1"),
                    command("Calculate", "2"),
                    command("Calculate", "3"),
                    command("Calculate", "4"),
                    command("Calculate", "5")));

            assertEquals(4, calls.size());
        }
    }

    @Test
    void a_call_past_its_timeout_is_interrupted_and_failed() throws InterruptedException {
        Echo slow = new Echo(Tool.WEB_SEARCH, Duration.ofMillis(200), 60_000);
        try (PluginRunner runner = new PluginRunner(List.of(slow, new Echo(Tool.CALCULATOR)))) {
            List<CommandResult> calls = runner.run(List.of(command("Search", "slow"), command("Calculate", "1+1")));

            assertEquals(
                    new ToolResult.Failed("Web search did not answer within 1 seconds."),
                    calls.get(0).result());
            assertEquals(new ToolResult.Value("Calculate:1+1"), calls.get(1).result());
        }
        awaitTrue(slow.interrupted());
    }

    @Test
    void a_plugin_that_throws_is_failed_and_the_others_still_answer() throws InterruptedException {
        try (PluginRunner runner = new PluginRunner(List.of(new Echo(Tool.WEB_SEARCH), new Echo(Tool.CALCULATOR)))) {
            List<CommandResult> calls = runner.run(List.of(command("Search", "throw"), command("Calculate", "1")));

            assertEquals(
                    new ToolResult.Failed("Web search failed: java.lang.IllegalStateException: broken"),
                    calls.get(0).result());
            assertEquals(new ToolResult.Value("Calculate:1"), calls.get(1).result());
        }
    }

    @Test
    void stopping_the_turn_interrupts_the_calls() throws InterruptedException {
        Echo slow = new Echo(Tool.WEB_SEARCH, Duration.ofMinutes(1), 60_000);
        try (PluginRunner runner = new PluginRunner(List.of(slow))) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread turn = Thread.ofVirtual().start(() -> {
                try {
                    runner.run(List.of(command("Search", "slow")));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            // Interrupt once the call runs: an interrupt before it starts never reaches the plugin.
            slow.running().await();
            turn.interrupt();
            turn.join(TimeUnit.SECONDS.toMillis(10));
            assertInstanceOf(InterruptedException.class, outcome.get());
        }
        awaitTrue(slow.interrupted());
    }

    @Test
    void the_real_tools_answer_through_the_runner() throws InterruptedException {
        try (EquationSolver solver = new EquationSolver();
                PluginRunner runner = new PluginRunner(List.of(new Calculator(), solver))) {
            List<CommandResult> calls =
                    runner.run(List.of(command("Solve", "x+y=500;5x+8y=4000"), command("Calculate", "2^10")));

            assertEquals(
                    List.of(new ToolResult.Value("1024"), new ToolResult.Solutions(List.of("x = 0", "y = 500"))),
                    calls.stream().map(CommandResult::result).toList());
        }
    }

    /** Interruption lands on another thread: wait for it (bounded) rather than sleep a guess. */
    private static void awaitTrue(AtomicBoolean flag) throws InterruptedException {
        for (int i = 0; i < 200 && !flag.get(); i++) {
            Thread.sleep(25);
        }
        assertEquals(true, flag.get());
    }
}
