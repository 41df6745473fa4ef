// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.ChatView;
import org.mossdesktop.ui.chat.ChatViewModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-ui}: streams synthetic replies into the real chat view at a fixed token rate, one after
 * another (the first runs while the JIT is still cold, as a session's first reply does), and measures
 * the JavaFX pulses (how long the FX thread is busy per pulse), the heap before and after, and the cold
 * start of the app's window. Needs a display (e.g. {@code xvfb-run}). Prints a Markdown table.
 */
@Command(
        name = "bench-ui",
        mixinStandardHelpOptions = true,
        description = "Benchmark the chat view: a synthetic generator streams tokens; prints pulse times and heap.")
final class UiBenchCommand implements Runnable {

    @Option(names = "--tokens", description = "tokens to stream (default ${DEFAULT-VALUE})")
    int tokens = 20_000;

    @Option(names = "--rate", description = "tokens per second (default ${DEFAULT-VALUE})")
    int rate = 2_000;

    @Option(
            names = "--replies",
            description = "replies streamed one after another, each measured (default ${DEFAULT-VALUE})")
    int replies = 2;

    @Option(
            names = "--trace",
            description = "writes every measured pulse (reply, pulse, wall and CPU ms) to this CSV file")
    Path trace;

    @Option(names = "--startup-runs", description = "cold starts of the app window to time (default ${DEFAULT-VALUE})")
    int startupRuns = 5;

    @Override
    public void run() {
        try {
            List<Long> starts = startups();
            Result result = stream();
            print(result, starts);
            if (trace != null) {
                writeTrace(result);
            }
        } catch (Exception e) {
            throw new IllegalStateException("bench-ui failed: " + e.getMessage(), e);
        } finally {
            Platform.exit();
        }
    }

    /** One streamed reply: each pulse's wall and FX-thread CPU time, the intervals between pulses. */
    private record Reply(
            long[] pulseNanos,
            long[] cpuNanos,
            long[] intervalNanos,
            double seconds,
            long rendererNanos,
            int delivered) {}

    private record Result(List<Reply> replies, long heapBefore, long heapAfter, long heapLater, String pipeline) {}

    /** The pulses measured while {@code measuring}; read and cleared on the FX thread. */
    private static final class Pulses {
        final List<Long> wall = new ArrayList<>();
        final List<Long> cpu = new ArrayList<>();
        final List<Long> intervals = new ArrayList<>();

        long[][] take() {
            long[][] out = {
                wall.stream().mapToLong(Long::longValue).toArray(),
                cpu.stream().mapToLong(Long::longValue).toArray(),
                intervals.stream().mapToLong(Long::longValue).toArray()
            };
            wall.clear();
            cpu.clear();
            intervals.clear();
            return out;
        }
    }

    private Result stream() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        SyntheticChat backend = new SyntheticChat(rate, tokens);
        CompletableFuture<ChatViewModel> ready = new CompletableFuture<>();
        Pulses pulses = new Pulses();
        var threads = ManagementFactory.getThreadMXBean();
        long[] cpuStart = {0};
        AtomicBoolean measuring = new AtomicBoolean();
        long[] pulseStart = {0, 0};
        Platform.runLater(() -> {
            Theme.LIGHT.apply();
            I18n i18n = new I18n();
            i18n.setLocale(Locale.ENGLISH);
            ChatViewModel model = new ChatViewModel(backend);
            model.setNewConversation(created -> created.accept(1));
            model.show(1);
            ChatView view = new ChatView(model, i18n, url -> {});
            Scene scene = new Scene(view.root(), 1100, 760);
            Theme.style(scene);
            // Pulse start: animation timers run first in a pulse. Pulse end: a runnable queued from the
            // post-layout listener runs once the pulse (CSS, layout, sync to the renderer) has returned.
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (measuring.get() && pulseStart[1] != 0) {
                        pulses.intervals.add(t - pulseStart[1]);
                    }
                    pulseStart[0] = t;
                    pulseStart[1] = t;
                    cpuStart[0] = threads.getCurrentThreadCpuTime();
                }
            }.start();
            scene.addPostLayoutPulseListener(() -> {
                long begun = pulseStart[0];
                long begunCpu = cpuStart[0];
                Platform.runLater(() -> {
                    if (measuring.get() && begun != 0) {
                        pulses.wall.add(System.nanoTime() - begun);
                        pulses.cpu.add(threads.getCurrentThreadCpuTime() - begunCpu);
                    }
                });
            });
            Stage stage = new Stage();
            stage.setTitle("bench-ui");
            stage.setScene(scene);
            stage.show();
            ready.complete(model);
        });
        ChatViewModel model = ready.get(30, TimeUnit.SECONDS);
        Thread.sleep(1000);
        long before = settledHeap();

        List<Reply> measured = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            CountDownLatch done = new CountDownLatch(1);
            backend.onAllDone(done::countDown);
            long t0 = System.nanoTime();
            long renderer0 = rendererCpu();
            pulseStart[1] = 0;
            measuring.set(true);
            Platform.runLater(() -> {
                model.draftProperty().set("Write a long answer.");
                model.send();
            });
            if (!done.await(tokens / Math.max(1, rate) + 120L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stream did not finish");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // Let the last pulses land.
            Thread.sleep(500);
            measuring.set(false);
            long rendererNanos = rendererCpu() - renderer0;
            CompletableFuture<long[][]> copy = new CompletableFuture<>();
            Platform.runLater(() -> copy.complete(pulses.take()));
            long[][] data = copy.get(10, TimeUnit.SECONDS);
            measured.add(new Reply(data[0], data[1], data[2], seconds, rendererNanos, backend.delivered()));
            Thread.sleep(500);
        }
        long after = settledHeap();
        Thread.sleep(3000);
        long later = settledHeap();
        return new Result(measured, before, after, later, System.getProperty("prism.order", "default"));
    }

    // The CPU time of the thread that paints the frames (Prism's renderer), which a pulse waits for when it
    // hands the next frame over.
    private static long rendererCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.threadId())))
                .sum();
    }

    private static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Starts the app's window in fresh JVMs and reads how long each took to its first frame. */
    private List<Long> startups() throws Exception {
        List<Long> out = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < startupRuns; i++) {
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
            for (String property : List.of("moss.home", "moss.repo", "prism.order")) {
                String value = System.getProperty(property);
                if (value != null) {
                    command.add("-D" + property + "=" + value);
                }
            }
            command.addAll(List.of(
                    "-D" + MossDesktopApp.STARTUP_PROBE + "=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            String marker = MossDesktopApp.STARTUP_PROBE + "=";
            output.lines()
                    .filter(l -> l.startsWith(marker))
                    .findFirst()
                    .ifPresentOrElse(
                            l -> out.add(
                                    Long.parseLong(l.substring(marker.length()).strip())),
                            () -> System.err.println("startup run printed no time:\n" + output));
        }
        return out;
    }

    private void print(Result r, List<Long> starts) {
        System.out.printf(
                "bench-ui: %d replies of %d tokens at %d tokens/s; %d cores, load average %.1f, prism.order=%s,"
                        + " GC: %s%n",
                replies,
                tokens,
                rate,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                r.pipeline(),
                ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName());
        System.out.println();
        StringBuilder header = new StringBuilder("| measure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int i = 0; i < r.replies().size(); i++) {
            header.append(i == 0 ? " first reply (JIT cold) |" : " reply " + (i + 1) + " |");
            rule.append("---|");
        }
        System.out.println(header + " target |");
        System.out.println(rule + "---|");
        row(
                r,
                "stream",
                "",
                p -> String.format(
                        "%d tokens in %.1f s, %d tokens/s",
                        p.delivered(), p.seconds(), Math.round(p.delivered() / p.seconds())));
        row(r, "pulses measured", "", p -> String.valueOf(p.pulseNanos().length));
        row(r, "FX pulse (wall), median", "", p -> ms(percentile(sorted(p.pulseNanos()), 50)));
        row(r, "FX pulse (wall), p99", "≤ 16 ms", p -> ms(percentile(sorted(p.pulseNanos()), 99)));
        row(r, "FX pulse (wall), longest", "", p -> ms(max(p.pulseNanos())));
        row(r, "FX-thread CPU per pulse, median", "", p -> ms(percentile(sorted(p.cpuNanos()), 50)));
        row(r, "FX-thread CPU per pulse, p99", "", p -> ms(percentile(sorted(p.cpuNanos()), 99)));
        row(r, "FX-thread CPU per pulse, longest", "", p -> ms(max(p.cpuNanos())));
        row(
                r,
                "pulses over 16 ms, wall / CPU",
                "",
                p -> String.format("%d / %d", over(p.pulseNanos()), over(p.cpuNanos())));
        row(r, "frame interval, p99", "", p -> ms(percentile(sorted(p.intervalNanos()), 99)));
        row(
                r,
                "renderer thread CPU per pulse (mean)",
                "",
                p -> ms(p.pulseNanos().length == 0 ? 0 : p.rendererNanos() / p.pulseNanos().length));
        System.out.println();
        System.out.println("| heap | MB | target |");
        System.out.println("|---|---|---|");
        System.out.printf("| before the first reply | %s | |%n", mb(r.heapBefore()));
        System.out.printf("| after the last reply | %s | |%n", mb(r.heapAfter()));
        System.out.printf("| 3 s later | %s | no growth after the stream |%n", mb(r.heapLater()));
        if (!starts.isEmpty()) {
            long[] s = starts.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.println();
            System.out.println("| start | time | target |");
            System.out.println("|---|---|---|");
            System.out.printf(
                    "| cold start to first frame, median of %d | %d ms (min %d, max %d) | < 2 s |%n",
                    s.length, s[s.length / 2], s[0], s[s.length - 1]);
        }
    }

    private void writeTrace(Result r) throws IOException {
        StringBuilder csv = new StringBuilder("reply,pulse,wall_ms,cpu_ms\n");
        for (int i = 0; i < r.replies().size(); i++) {
            Reply p = r.replies().get(i);
            for (int j = 0; j < p.pulseNanos().length; j++) {
                csv.append(String.format(
                        Locale.ROOT, "%d,%d,%.3f,%.3f%n", i + 1, j, p.pulseNanos()[j] / 1e6, p.cpuNanos()[j] / 1e6));
            }
        }
        Files.writeString(trace, csv);
    }

    private static void row(Result r, String measure, String target, Function<Reply, String> value) {
        StringBuilder line = new StringBuilder("| " + measure + " |");
        r.replies().forEach(p -> line.append(' ').append(value.apply(p)).append(" |"));
        System.out.println(line + " " + target + " |");
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long over(long[] values) {
        return Arrays.stream(values).filter(n -> n > 16_000_000L).count();
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
