// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.Command;
import org.mossdesktop.moss.CommandResult;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;

/**
 * Runs one turn's commands on the enabled tools, as MOSS's backend did: at most four, in the order Search,
 * Calculate, Solve, Text2Image (the order of {@link Tool}); a command for a tool that is disabled or
 * unknown is not called and gets no result. Calls run side by side, each bounded by its plugin's timeout:
 * a call that runs over is interrupted and answered with {@link ToolResult.Failed}; a plugin that throws
 * is answered the same way. Nothing here hangs or throws, except when the caller is interrupted (the user
 * stopped the turn): then every call is interrupted too.
 */
public final class PluginRunner implements AutoCloseable {

    /** MOSS's backend ran at most this many commands of a turn. */
    public static final int MAX_COMMANDS = 4;

    private final Map<Tool, Plugin> enabled = new EnumMap<>(Tool.class);
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code plugins}: the enabled tools, one per {@link Tool}. */
    public PluginRunner(Collection<? extends Plugin> plugins) {
        for (Plugin plugin : plugins) {
            if (enabled.put(plugin.tool(), plugin) != null) {
                throw new IllegalArgumentException("two plugins for " + plugin.tool());
            }
        }
    }

    public boolean isEnabled(Tool tool) {
        return enabled.containsKey(tool);
    }

    /** The calls that ran, in MOSS's backend order, with their results. */
    public List<CommandResult> run(List<Command> commands) throws InterruptedException {
        List<Command> runnable = commands.stream()
                .limit(MAX_COMMANDS)
                .filter(c -> c.tool().map(enabled::containsKey).orElse(false))
                .sorted(Comparator.comparing(c -> c.tool().orElseThrow()))
                .toList();
        List<Future<ToolResult>> running = new ArrayList<>();
        for (Command command : runnable) {
            Plugin plugin = enabled.get(command.tool().orElseThrow());
            running.add(calls.submit(() -> plugin.run(command.argument())));
        }
        long start = System.nanoTime();
        List<CommandResult> done = new ArrayList<>();
        try {
            for (int i = 0; i < runnable.size(); i++) {
                Command command = runnable.get(i);
                Plugin plugin = enabled.get(command.tool().orElseThrow());
                long left = plugin.timeout().toNanos() - (System.nanoTime() - start);
                done.add(new CommandResult(command, await(running.get(i), plugin, left)));
            }
        } finally {
            running.forEach(call -> call.cancel(true));
        }
        return done;
    }

    private static ToolResult await(Future<ToolResult> call, Plugin plugin, long nanos) throws InterruptedException {
        String tool = Messages.get("plugins.tool." + plugin.tool().name());
        try {
            ToolResult result = call.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return result != null ? result : new ToolResult.NoResult();
        } catch (TimeoutException e) {
            call.cancel(true);
            return new ToolResult.Failed(Messages.get("plugins.timeout", tool, seconds(plugin.timeout())));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new ToolResult.Failed(Messages.get("plugins.error", tool, String.valueOf(cause)));
        }
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    /** Stops the calls still running. Plugins that own resources are closed by their owner. */
    @Override
    public void close() {
        calls.shutdownNow();
    }
}
