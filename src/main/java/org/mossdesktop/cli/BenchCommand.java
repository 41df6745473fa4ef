// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mossdesktop.engine.GenerationRequest;
import org.mossdesktop.engine.GenerationResult;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.i18n.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code moss-desktop bench}: times our decode loop, the real {@code Generator} (sampler, stream decoder,
 * listener), beside the Python references on the same graphs and weights ({@code python -m moss_onnx
 * reference-bench --json}: onnxruntime with the cache in place, onnxruntime on concatenating graphs, PyTorch
 * eager). Greedy, batch 1, the references' prompt lengths and token counts; {@code <eom>} is ignored so every run
 * has its length. Our runs and the references' take turns ({@code --runs} rounds, best kept), so a shared machine's
 * load falls on both. Prints Markdown tables for docs/PERFORMANCE.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time greedy decoding against the Python onnxruntime loop and PyTorch eager on the same model.")
final class BenchCommand implements Callable<Integer> {

    private static final Map<String, String> RUNNER_NAMES = Map.of(
            "java", "Java (ours)",
            "java-spin", "Java, threads spinning",
            "ort", "Python ORT, in place",
            "ort-concat", "Python ORT, concat",
            "torch", "PyTorch eager (moss_onnx reference)",
            "transformers", "PyTorch eager (HF transformers)");

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Option(
            names = "--prompt-tokens",
            split = ",",
            defaultValue = "32,100,1000,1900",
            description = "prompt lengths (default: ${DEFAULT-VALUE})")
    private List<Integer> promptTokens;

    @Option(names = "--new-tokens", defaultValue = "64", description = "tokens per run (default: ${DEFAULT-VALUE})")
    private int newTokens;

    @Option(names = "--runs", defaultValue = "2", description = "rounds; each keeps the best (default: 2)")
    private int runs;

    @Option(names = "--reference", paramLabel = "FILE", description = "JSON of moss_onnx reference-bench --json")
    private Path reference;

    @Option(
            names = "--python",
            paramLabel = "PYTHON",
            description = "run moss_onnx reference-bench with this Python in each round (PYTHONPATH: onnx-export)")
    private Path python;

    @Option(
            names = "--reference-skip",
            paramLabel = "RUNNERS",
            description = "references not to run: ort, ort-concat, torch, transformers (comma-separated)")
    private String referenceSkip;

    @Option(
            names = "--compare-spinning",
            description = "also time our loop with spinning ONNX Runtime threads, as the Python loop has them")
    private boolean compareSpinning;

    @Option(names = "--heap-tokens", defaultValue = "2000", description = "tokens of the heap run; 0 skips it")
    private int heapTokens;

    /** One measurement: a runner at a prompt length. */
    record Row(String runner, int promptTokens, double ttftMs, double msPerToken, double tokensPerSecond) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (model.threads == 0) {
            model.threads = 2; // as the references: compare like with like
        }
        Map<String, Row> best = new LinkedHashMap<>();
        double[] overhead = {Double.NaN};
        double[] heap = null;
        String header;
        LoadedModel spinning = null;
        try (LoadedModel loaded = model.load()) {
            if (compareSpinning) {
                spinning = load(true);
            }
            int window = loaded.generator().contextLength();
            promptTokens =
                    promptTokens.stream().filter(p -> p + newTokens <= window).toList();
            header = header(loaded);
            out.println(header);
            out.flush();
            for (int round = 0; round < Math.max(1, runs); round++) {
                measure("java", loaded, round, out, best, overhead);
                if (spinning != null) {
                    measure("java-spin", spinning, round, out, best, new double[1]);
                }
                if (python != null) {
                    keepBest(best, runReference(out));
                }
            }
            if (reference != null) {
                keepBest(
                        best,
                        JsonParser.parseString(Files.readString(reference, StandardCharsets.UTF_8))
                                .getAsJsonObject());
            }
            if (heapTokens > 0 && 32 + heapTokens <= window) {
                heap = heapRun(loaded);
            }
        } catch (UserFacingException e) {
            return ModelOptions.report(e, spec.commandLine().getErr());
        } finally {
            if (spinning != null) {
                spinning.close();
            }
        }
        out.println();
        out.println(header);
        printTables(out, new ArrayList<>(best.values()), overhead[0], heap);
        return 0;
    }

    private LoadedModel load(boolean spin) {
        boolean before = model.spinning;
        model.spinning = spin;
        try {
            return model.load();
        } finally {
            model.spinning = before;
        }
    }

    private String header(LoadedModel loaded) {
        return String.format(
                Locale.ROOT,
                "model %s: %d layers, %d wide, vocab %d, %s, %d stages on %s, %d threads; %d new tokens, greedy",
                loaded.manifest().name(),
                loaded.manifest().architecture().nLayer(),
                loaded.manifest().architecture().nEmbd(),
                loaded.manifest().architecture().vocabSize(),
                loaded.manifest().dtype().manifestName(),
                loaded.manifest().stages().size(),
                loaded.pipeline().devices().stream().map(d -> d.id()).collect(Collectors.joining(",")),
                model.threads,
                newTokens);
    }

    /** One round of our loop at every prompt length. */
    private void measure(
            String runner, LoadedModel loaded, int round, PrintWriter out, Map<String, Row> best, double[] overhead) {
        if (round == 0) {
            timed(loaded, randomPrompt(loaded, 8, 0), 4); // warm up, as the references do
        }
        for (int p : promptTokens) {
            // A new random prompt each time: none reuses the cache of the one before.
            Timed t = timed(loaded, randomPrompt(loaded, p, 1 + round + 10L * p), newTokens);
            Row row = new Row(runner, p, t.ttftMs(), t.median(), t.tokensPerSecond());
            if (keepBest(best, row).msPerToken() == row.msPerToken() && p == promptTokens.getFirst()) {
                overhead[0] = t.overheadPercent();
            }
            out.printf(
                    Locale.ROOT,
                    "%s prompt %d: TTFT %.1f ms, %.2f ms/token, %.1f tokens/s, %.2f %% outside OrtSession.run%n",
                    runner,
                    p,
                    row.ttftMs(),
                    row.msPerToken(),
                    row.tokensPerSecond(),
                    t.overheadPercent());
            out.flush();
        }
    }

    /** Keeps each figure's best over the rounds: the least disturbed of them on a shared machine. */
    private static Row keepBest(Map<String, Row> best, Row row) {
        return best.merge(
                row.runner() + "@" + row.promptTokens(),
                row,
                (a, b) -> new Row(
                        a.runner(),
                        a.promptTokens(),
                        Math.min(a.ttftMs(), b.ttftMs()),
                        Math.min(a.msPerToken(), b.msPerToken()),
                        Math.max(a.tokensPerSecond(), b.tokensPerSecond())));
    }

    private static void keepBest(Map<String, Row> best, JsonObject result) {
        for (JsonElement e : result.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            keepBest(
                    best,
                    new Row(
                            o.get("runner").getAsString(),
                            o.get("prompt_tokens").getAsInt(),
                            o.get("ttft_ms").getAsDouble(),
                            o.get("ms_per_token").getAsDouble(),
                            o.get("tokens_per_s").isJsonNull()
                                    ? Double.NaN
                                    : o.get("tokens_per_s").getAsDouble()));
        }
    }

    /** Per-token times from the listener: the interval between two tokens is one whole step of our loop. */
    record Timed(double ttftMs, double[] stepMs, double decodeMs, double decodeRunMs) {
        double median() {
            double[] sorted = stepMs.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        double tokensPerSecond() {
            return stepMs.length * 1000.0 / Arrays.stream(stepMs).sum();
        }

        double overheadPercent() {
            return 100.0 * (decodeMs - decodeRunMs) / decodeMs;
        }
    }

    private static Timed timed(LoadedModel loaded, int[] prompt, int tokens) {
        long[] stamps = new long[tokens];
        int[] count = {0};
        GenerationResult r = loaded.generator().generate(request(prompt, tokens), (id, text) -> {
            stamps[count[0]++] = System.nanoTime();
        });
        if (r.error().isPresent()) {
            throw new IllegalStateException("generation failed", r.error().get());
        }
        double[] steps = new double[count[0] - 1];
        for (int i = 1; i < count[0]; i++) {
            steps[i - 1] = (stamps[i] - stamps[i - 1]) / 1e6;
        }
        return new Timed(
                r.timeToFirstToken().toNanos() / 1e6,
                steps,
                r.decodeTime().toNanos() / 1e6,
                r.decodeRunTime().toNanos() / 1e6);
    }

    /** Heap after GC before and after a long reply, bytes the generator thread allocates per token, and speed. */
    private double[] heapRun(LoadedModel loaded) {
        double before = usedHeapMib();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] bytes = new long[2];
        int[] count = {0};
        GenerationResult r = loaded.generator()
                .generate(request(randomPrompt(loaded, 32, 7), heapTokens), (id, text) -> {
                    count[0]++;
                    if (count[0] == 10) {
                        bytes[0] = threads.getCurrentThreadAllocatedBytes();
                    }
                    bytes[1] = threads.getCurrentThreadAllocatedBytes();
                });
        double after = usedHeapMib();
        return new double[] {before, after, (double) (bytes[1] - bytes[0]) / (count[0] - 10), r.tokensPerSecond()};
    }

    private static GenerationRequest request(int[] prompt, int tokens) {
        return new GenerationRequest(
                prompt, GenerationSettings.MOSS_DEFAULTS.withGreedy(true).withMaxNewTokens(tokens), List.of(), false);
    }

    /** Random ordinary tokens, from a seed. */
    private static int[] randomPrompt(LoadedModel loaded, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            int id;
            do {
                id = random.nextInt(loaded.tokenizer().vocabSize());
            } while (loaded.tokenizer().specialTokens().contains(id));
            ids[i] = id;
        }
        return ids;
    }

    private static double usedHeapMib() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private JsonObject runReference(PrintWriter out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                python.toString(),
                "-m",
                "moss_onnx",
                "reference-bench",
                "--model",
                model.directory().path().toString(),
                "--threads",
                String.valueOf(model.threads),
                "--new-tokens",
                String.valueOf(newTokens),
                "--prompt-tokens",
                promptTokens.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--repeats",
                "1",
                "--json"));
        if (referenceSkip != null) {
            command.addAll(List.of("--skip", referenceSkip));
        }
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("reference-bench failed: " + String.join(" ", command));
        }
        JsonObject result = JsonParser.parseString(json).getAsJsonObject();
        out.printf("reference: onnxruntime %s, torch %s%n", text(result, "onnxruntime"), text(result, "torch"));
        return result;
    }

    private static String text(JsonObject o, String field) {
        return o.has(field) ? o.get(field).getAsString() : "?";
    }

    private void printTables(PrintWriter out, List<Row> rows, double overhead, double[] heap) {
        List<String> runners = rows.stream().map(Row::runner).distinct().toList();
        List<String> others = runners.stream().filter(r -> !r.equals("java")).toList();
        out.println();
        out.print("| decode: ms/token (tokens/s) |");
        runners.forEach(r -> out.print(" " + RUNNER_NAMES.getOrDefault(r, r) + " |"));
        others.forEach(r -> out.print(" ours vs " + RUNNER_NAMES.getOrDefault(r, r) + " |"));
        out.println();
        out.println("|---".repeat(1 + runners.size() + others.size()) + "|");
        for (int p : promptTokens) {
            out.printf(Locale.ROOT, "| context %,d |", p);
            for (String r : runners) {
                Row row = find(rows, r, p);
                out.print(
                        row == null
                                ? " — |"
                                : String.format(
                                        Locale.ROOT, " %.2f (%.1f) |", row.msPerToken(), row.tokensPerSecond()));
            }
            Row java = find(rows, "java", p);
            for (String r : others) {
                Row row = find(rows, r, p);
                out.print(
                        row == null || java == null
                                ? " — |"
                                : String.format(Locale.ROOT, " %.2f× |", row.msPerToken() / java.msPerToken()));
            }
            out.println();
        }
        out.println();
        out.print("| time to first token, ms |");
        runners.forEach(r -> out.print(" " + RUNNER_NAMES.getOrDefault(r, r) + " |"));
        out.println();
        out.println("|---".repeat(runners.size() + 1) + "|");
        for (int p : promptTokens) {
            out.printf(Locale.ROOT, "| %,d-token prompt |", p);
            for (String r : runners) {
                Row row = find(rows, r, p);
                out.print(row == null ? " — |" : String.format(Locale.ROOT, " %.1f |", row.ttftMs()));
            }
            out.println();
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "- our loop's time outside OrtSession.run: %.2f %% of decode time (context %d)%n",
                overhead,
                promptTokens.isEmpty() ? 0 : promptTokens.getFirst());
        if (heap != null) {
            out.printf(
                    Locale.ROOT,
                    "- Java heap after GC: %.1f MiB before, %.1f MiB after %,d generated tokens; %.0f bytes allocated per"
                            + " token on the generator thread; %.1f tokens/s over the whole run%n",
                    heap[0],
                    heap[1],
                    heapTokens,
                    heap[2],
                    heap[3]);
        }
        out.flush();
    }

    private static Row find(List<Row> rows, String runner, int promptTokens) {
        return rows.stream()
                .filter(r -> r.runner().equals(runner) && r.promptTokens() == promptTokens)
                .findFirst()
                .orElse(null);
    }
}
