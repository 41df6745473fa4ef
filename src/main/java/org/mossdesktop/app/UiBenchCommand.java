// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@code bench-ui}: streams a synthetic reply into the real chat view at a fixed token rate and measures
 * the JavaFX pulses (how long the FX thread is busy per pulse), the heap before and after, and the cold
 * start of the app's window. Needs a display (e.g. {@code xvfb-run}). Prints a Markdown table.
 */
@Command(
        name = "bench-ui",
        mixinStandardHelpOptions = true,
        description = "Benchmark the chat view: a synthetic generator streams tokens; prints pulse times and heap.")
final class UiBenchCommand implements Runnable {

    static final int WARM_UP_PULSES = 10;

    @Option(names = "--tokens", description = "tokens to stream (default ${DEFAULT-VALUE})")
    int tokens = 20_000;

    @Option(names = "--rate", description = "tokens per second (default ${DEFAULT-VALUE})")
    int rate = 2_000;

    @Option(names = "--startup-runs", description = "cold starts of the app window to time (default ${DEFAULT-VALUE})")
    int startupRuns = 5;

    @Override
    public void run() {
        try {
            List<Long> starts = startups();
            Result result = stream();
            print(result, starts);
        } catch (Exception e) {
            throw new IllegalStateException("bench-ui failed: " + e.getMessage(), e);
        } finally {
            Platform.exit();
        }
    }

    private record Result(
            long[] pulseNanos,
            long[] cpuNanos,
            long[] intervalNanos,
            long heapBefore,
            long heapAfter,
            long heapLater,
            double seconds,
            int delivered,
            String pipeline) {}

    private Result stream() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        SyntheticChat backend = new SyntheticChat(rate, tokens);
        CompletableFuture<ChatViewModel> ready = new CompletableFuture<>();
        List<Long> pulses = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        var threads = ManagementFactory.getThreadMXBean();
        long[] cpuStart = {0};
        List<Long> intervals = new ArrayList<>();
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
                        intervals.add(t - pulseStart[1]);
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
                        pulses.add(System.nanoTime() - begun);
                        cpu.add(threads.getCurrentThreadCpuTime() - begunCpu);
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

        CountDownLatch done = new CountDownLatch(1);
        backend.onAllDone(done::countDown);
        long t0 = System.nanoTime();
        measuring.set(true);
        Platform.runLater(() -> {
            model.draftProperty().set("Write a long answer.");
            model.send();
        });
        if (!done.await(tokens / Math.max(1, rate) + 120L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the stream did not finish");
        }
        // Let the last pulses land.
        Thread.sleep(500);
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long after = settledHeap();
        Thread.sleep(3000);
        long later = settledHeap();
        String pipeline = System.getProperty("prism.order", "default");
        CompletableFuture<long[][]> copy = new CompletableFuture<>();
        Platform.runLater(() -> copy.complete(new long[][] {
            pulses.stream().mapToLong(Long::longValue).toArray(),
            cpu.stream().mapToLong(Long::longValue).toArray(),
            intervals.stream().mapToLong(Long::longValue).toArray()
        }));
        long[][] data = copy.get(10, TimeUnit.SECONDS);
        return new Result(data[0], data[1], data[2], before, after, later, seconds, backend.delivered(), pipeline);
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
        long[] pulses = r.pulseNanos().clone();
        Arrays.sort(pulses);
        long[] intervals = r.intervalNanos().clone();
        Arrays.sort(intervals);
        long[] cpu = r.cpuNanos().clone();
        Arrays.sort(cpu);
        System.out.printf(
                "bench-ui: %d tokens at %d tokens/s into one reply; %d cores, load average %.1f, prism.order=%s%n",
                tokens,
                rate,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                r.pipeline());
        System.out.println();
        System.out.println("| measure | value | target |");
        System.out.println("|---|---|---|");
        System.out.printf(
                "| stream duration | %.1f s (%d tokens delivered, %.0f tokens/s) | |%n",
                r.seconds(), r.delivered(), r.delivered() / r.seconds());
        System.out.printf("| pulses measured | %d | |%n", pulses.length);
        System.out.printf("| FX pulse, median | %s | |%n", ms(percentile(pulses, 50)));
        System.out.printf("| FX pulse, p99 | %s | ≤ 16 ms |%n", ms(percentile(pulses, 99)));
        System.out.printf("| FX pulse, longest | %s | |%n", ms(pulses.length == 0 ? 0 : pulses[pulses.length - 1]));
        long over = Arrays.stream(pulses).filter(n -> n > 16_000_000L).count();
        long cpuOver = Arrays.stream(cpu).filter(n -> n > 16_000_000L).count();
        System.out.printf(
                "| pulses over 16 ms, wall / FX-thread CPU | %d / %d of %d | |%n", over, cpuOver, pulses.length);
        System.out.printf("| FX pulse, p95 | %s | |%n", ms(percentile(pulses, 95)));
        // The first pulses build the first table and code block (class loading, cold JIT, first CSS match).
        int warm = Math.min(WARM_UP_PULSES, r.pulseNanos().length);
        long[] steady = Arrays.copyOfRange(r.pulseNanos(), warm, r.pulseNanos().length);
        Arrays.sort(steady);
        long[] steadyCpu = Arrays.copyOfRange(r.cpuNanos(), warm, r.cpuNanos().length);
        Arrays.sort(steadyCpu);
        System.out.printf(
                "| after the first %d pulses: FX pulse p99 / longest, CPU p99 | %s / %s, %s | p99 ≤ 16 ms |%n",
                warm,
                ms(percentile(steady, 99)),
                ms(steady.length == 0 ? 0 : steady[steady.length - 1]),
                ms(percentile(steadyCpu, 99)));
        System.out.printf("| FX-thread CPU per pulse, p99 | %s | |%n", ms(percentile(cpu, 99)));
        System.out.printf(
                "| FX-thread CPU per pulse, longest | %s | |%n", ms(cpu.length == 0 ? 0 : cpu[cpu.length - 1]));
        System.out.printf("| frame interval, p99 | %s | |%n", ms(percentile(intervals, 99)));
        System.out.printf("| heap before the stream | %s | |%n", mb(r.heapBefore()));
        System.out.printf("| heap after the stream | %s | |%n", mb(r.heapAfter()));
        System.out.printf("| heap 3 s later | %s | no growth after the stream |%n", mb(r.heapLater()));
        if (!starts.isEmpty()) {
            long[] s = starts.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "| cold start to first frame, median of %d | %d ms (min %d, max %d) | < 2 s |%n",
                    s.length, s[s.length / 2], s[0], s[s.length - 1]);
        }
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
