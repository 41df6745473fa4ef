// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.mossdesktop.engine.GenerationRequest;
import org.mossdesktop.engine.GenerationResult;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.TokenListener;
import org.mossdesktop.i18n.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code moss-desktop bench}: times our decode loop (the real {@code Generator}: sampler, stream decoder,
 * listener) on a model and prints a table beside the Python references measured on the same graphs: a plain
 * onnxruntime loop and PyTorch eager ({@code python -m moss_onnx reference-bench --json}, run with --python or read
 * from --reference). Greedy decoding, random prompts, {@code <eom>} ignored so every run has its full length.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time greedy decoding on a model against the Python onnxruntime loop and PyTorch eager.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Option(names = "--new-tokens", defaultValue = "128", description = "tokens per decode run (default: 128)")
    private int newTokens;

    @Option(names = "--runs", defaultValue = "2", description = "runs per measurement; the best is shown (default: 2)")
    private int runs;

    @Option(names = "--reference", paramLabel = "FILE", description = "JSON of moss_onnx reference-bench --json")
    private Path reference;

    @Option(
            names = "--python",
            paramLabel = "PYTHON",
            description = "run the references now with this Python (the onnx-export venv's)")
    private Path python;

    @Option(names = "--skip-heap", description = "skip the 2,000-token heap run")
    private boolean skipHeap;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (model.threads == 0) {
            model.threads = 2; // the references' default: compare like with like
        }
        JsonObject references = references();
        Measurements ours;
        String device;
        try (LoadedModel loaded = model.load()) {
            device = loaded.pipeline().devices().toString();
            out.printf(
                    Locale.ROOT,
                    "model %s (%d layers, %d wide, vocab %d, %s, %d stages) on %s, %d threads%n",
                    loaded.manifest().name(),
                    loaded.manifest().architecture().nLayer(),
                    loaded.manifest().architecture().nEmbd(),
                    loaded.manifest().architecture().vocabSize(),
                    loaded.manifest().dtype().manifestName(),
                    loaded.manifest().stages().size(),
                    device,
                    model.threads);
            out.flush();
            ours = measure(loaded, out);
        } catch (UserFacingException e) {
            return ModelOptions.report(e, spec.commandLine().getErr());
        }
        printTable(out, ours, references);
        return 0;
    }

    /** Our numbers; each is the best of {@link #runs} runs. */
    record Measurements(
            double tokensPerSecond,
            double ttft32Ms,
            double ttft1000Ms,
            double msPerToken100,
            double msPerToken1900,
            double overheadPercent,
            double heapBeforeMib,
            double heapAfterMib,
            double bytesPerToken,
            double tokensPerSecond2000) {}

    private Measurements measure(LoadedModel loaded, PrintWriter out) {
        SplittableRandom random = new SplittableRandom(42);
        int vocab = loaded.tokenizer().vocabSize();
        Function<Integer, int[]> prompt = length -> randomPrompt(random, length, loaded);
        GenerationResult decode = best(runs, () -> run(loaded, prompt.apply(32), newTokens), r -> -r.tokensPerSecond());
        out.printf(
                Locale.ROOT,
                "decode: %.2f tok/s, TTFT %.1f ms (32-token prompt)%n",
                decode.tokensPerSecond(),
                ms(decode.timeToFirstToken().toNanos()));
        GenerationResult ttft = best(runs, () -> run(loaded, prompt.apply(1000), 1), r ->
                (double) r.timeToFirstToken().toNanos());
        out.printf(
                Locale.ROOT,
                "TTFT (1,000-token prompt): %.1f ms%n",
                ms(ttft.timeToFirstToken().toNanos()));
        GenerationResult at100 = best(runs, () -> run(loaded, prompt.apply(100), 33), r -> perToken(r));
        GenerationResult at1900 = best(runs, () -> run(loaded, prompt.apply(1900), 33), r -> perToken(r));
        out.printf(
                Locale.ROOT,
                "per token: %.2f ms at context 100, %.2f ms at 1,900%n",
                perToken(at100),
                perToken(at1900));
        out.flush();
        double before = Double.NaN;
        double after = Double.NaN;
        double bytesPerToken = Double.NaN;
        double tps2000 = Double.NaN;
        if (!skipHeap && loaded.generator().contextLength() >= 2032) {
            before = usedHeapMib();
            AllocationProbe probe = new AllocationProbe();
            GenerationResult heapRun = loaded.generator().generate(request(prompt.apply(32), 2000), probe);
            after = usedHeapMib();
            bytesPerToken = probe.bytesPerToken();
            tps2000 = heapRun.tokensPerSecond();
            out.printf(
                    Locale.ROOT,
                    "2,000 tokens: heap %.1f -> %.1f MiB, %.0f bytes allocated per token, %.2f tok/s%n",
                    before,
                    after,
                    bytesPerToken,
                    tps2000);
        }
        long decodeNanos = decode.decodeTime().toNanos();
        double overhead = 100.0 * (decodeNanos - decode.decodeRunTime().toNanos()) / decodeNanos;
        return new Measurements(
                decode.tokensPerSecond(),
                ms(decode.timeToFirstToken().toNanos()),
                ms(ttft.timeToFirstToken().toNanos()),
                perToken(at100),
                perToken(at1900),
                overhead,
                before,
                after,
                bytesPerToken,
                tps2000);
    }

    private static GenerationResult run(LoadedModel loaded, int[] prompt, int tokens) {
        GenerationResult result = loaded.generator().generate(request(prompt, tokens), TokenListener.NONE);
        if (result.error().isPresent()) {
            throw new IllegalStateException("generation failed", result.error().get());
        }
        return result;
    }

    private static GenerationRequest request(int[] prompt, int tokens) {
        return new GenerationRequest(
                prompt, GenerationSettings.MOSS_DEFAULTS.withGreedy(true).withMaxNewTokens(tokens), List.of(), false);
    }

    /** Random ordinary tokens: each prompt starts differently, so no run reuses another's cache. */
    private static int[] randomPrompt(SplittableRandom random, int length, LoadedModel loaded) {
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

    private static GenerationResult best(
            int runs,
            java.util.function.Supplier<GenerationResult> run,
            java.util.function.ToDoubleFunction<GenerationResult> cost) {
        GenerationResult best = null;
        for (int i = 0; i < Math.max(1, runs); i++) {
            GenerationResult r = run.get();
            if (best == null || cost.applyAsDouble(r) < cost.applyAsDouble(best)) {
                best = r;
            }
        }
        return best;
    }

    private static double perToken(GenerationResult r) {
        return ms(r.decodeTime().toNanos()) / Math.max(1, r.generatedTokens() - 1);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double usedHeapMib() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Bytes the generator thread allocates per token, between its 10th and last token. */
    private static final class AllocationProbe implements TokenListener {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private long startBytes;
        private long lastBytes;
        private int tokens;

        @Override
        public void onToken(int tokenId, String text) {
            tokens++;
            long now = threads.getCurrentThreadAllocatedBytes();
            if (tokens == 10) {
                startBytes = now;
            }
            lastBytes = now;
        }

        double bytesPerToken() {
            return tokens <= 10 ? Double.NaN : (double) (lastBytes - startBytes) / (tokens - 10);
        }
    }

    private JsonObject references() throws IOException, InterruptedException {
        if (reference != null) {
            return JsonParser.parseString(Files.readString(reference, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
        if (python == null) {
            return null;
        }
        Path dir = model.directory().path();
        List<String> command = new ArrayList<>(List.of(
                python.toString(),
                "-m",
                "moss_onnx",
                "reference-bench",
                "--model",
                dir.toString(),
                "--threads",
                String.valueOf(model.threads),
                "--new-tokens",
                String.valueOf(newTokens),
                "--prompt-tokens",
                "32,1000",
                "--json"));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("reference-bench failed: " + String.join(" ", command));
        }
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private void printTable(PrintWriter out, Measurements ours, JsonObject references) {
        out.println();
        out.println("| | Java (ours) | Python onnxruntime | PyTorch eager |");
        out.println("|---|---|---|---|");
        out.printf(
                Locale.ROOT,
                "| decode tok/s (32-token prompt, %d new) | %.2f | %s | %s |%n",
                newTokens,
                ours.tokensPerSecond(),
                "—",
                "—");
        out.printf(Locale.ROOT, "| TTFT, 32-token prompt (ms) | %.1f | — | — |%n", ours.ttft32Ms());
        out.printf(Locale.ROOT, "| TTFT, 1,000-token prompt (ms) | %.1f | — | — |%n", ours.ttft1000Ms());
        out.printf(Locale.ROOT, "| ms/token at context 100 | %.2f | — | — |%n", ours.msPerToken100());
        out.printf(Locale.ROOT, "| ms/token at context 1,900 | %.2f | — | — |%n", ours.msPerToken1900());
        out.printf(Locale.ROOT, "| loop time outside OrtSession.run | %.2f %% | | |%n", ours.overheadPercent());
        out.printf(
                Locale.ROOT,
                "| Java heap before → after 2,000 tokens (MiB) | %.1f → %.1f | | |%n",
                ours.heapBeforeMib(),
                ours.heapAfterMib());
        out.printf(Locale.ROOT, "| bytes allocated per token (generator thread) | %.0f | | |%n", ours.bytesPerToken());
        out.printf(Locale.ROOT, "| decode tok/s over 2,000 tokens | %.2f | | |%n", ours.tokensPerSecond2000());
        out.flush();
    }
}
