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
 * listener), beside the Python references on the same graphs: onnxruntime with the cache in place, onnxruntime
 * on concatenating graphs, and PyTorch eager ({@code python -m moss_onnx reference-bench --json}, run by
 * {@code --python} in the same session or read from {@code --reference}). Greedy decoding, batch 1, the same
 * prompt lengths and token counts as the references; {@code <eom>} is ignored so every run has its length.
 * Prints Markdown tables for docs/PERFORMANCE.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time greedy decoding against the Python onnxruntime loop and PyTorch eager on the same model.")
final class BenchCommand implements Callable<Integer> {

    private static final List<String> RUNNERS = List.of("ort", "ort-concat", "torch");
    private static final Map<String, String> RUNNER_NAMES =
            Map.of("ort", "Python ORT, in place", "ort-concat", "Python ORT, concat", "torch", "PyTorch eager");

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

    @Option(names = "--runs", defaultValue = "2", description = "runs of each measurement; the best is kept")
    private int runs;

    @Option(names = "--reference", paramLabel = "FILE", description = "JSON of moss_onnx reference-bench --json")
    private Path reference;

    @Option(
            names = "--python",
            paramLabel = "PYTHON",
            description = "run moss_onnx reference-bench now with this Python, --runs times (best kept)")
    private Path python;

    @Option(
            names = "--reference-skip",
            paramLabel = "RUNNERS",
            description = "references not to run: ort, ort-concat, torch (comma-separated)")
    private String referenceSkip;

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
        List<Row> rows = new ArrayList<>();
        String header;
        double overhead;
        double[] heap = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        try (LoadedModel loaded = model.load()) {
            int window = loaded.generator().contextLength();
            promptTokens =
                    promptTokens.stream().filter(p -> p + newTokens <= window).toList();
            header = String.format(
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
            out.println(header);
            out.flush();
            timed(loaded, randomPrompt(loaded, 8, 0), 4); // warm up, as the references do
            overhead = Double.NaN;
            for (int p : promptTokens) {
                Timed best = null;
                for (int run = 0; run < Math.max(1, runs); run++) {
                    // A new random prompt each run: none reuses the cache of the one before.
                    Timed t = timed(loaded, randomPrompt(loaded, p, 1 + run + 10 * p), newTokens);
                    if (best == null || t.median() < best.median()) {
                        best = t;
                    }
                }
                Row row = new Row("java", p, best.ttftMs(), best.median(), best.tokensPerSecond());
                rows.add(row);
                if (Double.isNaN(overhead)) {
                    overhead = best.overheadPercent();
                }
                out.printf(
                        Locale.ROOT,
                        "java prompt %d: TTFT %.1f ms, %.2f ms/token, %.1f tokens/s, %.2f %% outside OrtSession.run%n",
                        p,
                        row.ttftMs(),
                        row.msPerToken(),
                        row.tokensPerSecond(),
                        best.overheadPercent());
                out.flush();
            }
            if (heapTokens > 0 && 32 + heapTokens <= window) {
                heap = heapRun(loaded);
                out.printf(
                        Locale.ROOT,
                        "java %d tokens: heap %.1f -> %.1f MiB after GC, %.0f bytes allocated per token, %.1f tokens/s%n",
                        heapTokens,
                        heap[0],
                        heap[1],
                        heap[2],
                        heap[3]);
            }
        } catch (UserFacingException e) {
            return ModelOptions.report(e, spec.commandLine().getErr());
        }
        rows.addAll(references(out));
        out.println();
        out.println(header);
        printTables(out, rows, overhead, heap);
        return 0;
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

    /** The references' rows: from --reference, or from --runs runs of --python, keeping each row's best. */
    private List<Row> references(PrintWriter out) throws IOException, InterruptedException {
        List<JsonObject> results = new ArrayList<>();
        if (reference != null) {
            results.add(JsonParser.parseString(Files.readString(reference, StandardCharsets.UTF_8))
                    .getAsJsonObject());
        } else if (python != null) {
            for (int run = 0; run < Math.max(1, runs); run++) {
                results.add(runReference());
            }
        }
        Map<String, Row> best = new LinkedHashMap<>();
        for (JsonObject result : results) {
            out.printf(
                    "reference: onnxruntime %s, torch %s, %s%n",
                    text(result, "onnxruntime"), text(result, "torch"), text(result, "machine"));
            for (JsonElement e : result.getAsJsonArray("results")) {
                JsonObject o = e.getAsJsonObject();
                Row row = new Row(
                        o.get("runner").getAsString(),
                        o.get("prompt_tokens").getAsInt(),
                        o.get("ttft_ms").getAsDouble(),
                        o.get("ms_per_token").getAsDouble(),
                        o.get("tokens_per_s").isJsonNull()
                                ? Double.NaN
                                : o.get("tokens_per_s").getAsDouble());
                best.merge(
                        row.runner() + "@" + row.promptTokens(),
                        row,
                        (a, b) -> a.msPerToken() <= b.msPerToken() ? a : b);
            }
        }
        return new ArrayList<>(best.values());
    }

    private JsonObject runReference() throws IOException, InterruptedException {
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
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static String text(JsonObject o, String field) {
        return o.has(field) ? o.get(field).getAsString() : "?";
    }

    private void printTables(PrintWriter out, List<Row> rows, double overhead, double[] heap) {
        List<String> runners = new ArrayList<>(List.of("java"));
        RUNNERS.stream()
                .filter(r -> rows.stream().anyMatch(row -> row.runner().equals(r)))
                .forEach(runners::add);
        out.println();
        out.print("| decode, ms/token (tokens/s) | Java (ours) |");
        runners.stream().skip(1).forEach(r -> out.print(" " + RUNNER_NAMES.get(r) + " |"));
        runners.stream().skip(1).forEach(r -> out.print(" Java speed-up vs " + RUNNER_NAMES.get(r) + " |"));
        out.println();
        out.println("|---".repeat(1 + 2 * runners.size() - 1) + "|");
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
            for (String r : runners.subList(1, runners.size())) {
                Row row = find(rows, r, p);
                out.print(
                        row == null || java == null
                                ? " — |"
                                : String.format(Locale.ROOT, " %.2f× |", row.msPerToken() / java.msPerToken()));
            }
            out.println();
        }
        out.println();
        out.print("| time to first token, ms | Java (ours) |");
        runners.stream().skip(1).forEach(r -> out.print(" " + RUNNER_NAMES.get(r) + " |"));
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
                "- Java loop time outside OrtSession.run: %.2f %% of decode time (context %d)%n",
                overhead,
                promptTokens.isEmpty() ? 0 : promptTokens.getFirst());
        if (!Double.isNaN(heap[0])) {
            out.printf(
                    Locale.ROOT,
                    "- Java heap after GC: %.1f MiB before, %.1f MiB after %,d generated tokens; %.0f bytes"
                            + " allocated per token on the generator thread; %.1f tokens/s over the run%n",
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
