// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mossdesktop.engine.PipelineOptions.IoBinding;

/**
 * Benchmarks of the plain run against the IoBinding run, printing Markdown tables for docs/PERFORMANCE.md ("GPU").
 * Not tests: they time things, so they run only when asked.
 *
 * <pre>
 * # CPU, plain vs bound, in turns:
 * ./mvnw test -DskipPythonTests -Dtest=BindingBench -Dmoss.bench=true [-Dmoss.bench.model=/tmp/bench]
 * # NVIDIA GPUs (the CUDA build): bound vs plain, TTFT, tokens/s and % of the memory-bandwidth limit:
 * ./mvnw -Pcuda test -DskipPythonTests -Dtest=BindingBench -Dmoss.cuda=true \
 *     [-Dmoss.bench.model=DIR] [-Dmoss.bench.devices=cuda:0,cuda:1] [-Dmoss.gpu.bandwidth=3350]
 * </pre>
 *
 * Other properties: {@code moss.bench.prompts} (prompt lengths, default 32,1000), {@code moss.bench.tokens} (new
 * tokens per run, default 64), {@code moss.bench.rounds} (default 3; each figure keeps its best round),
 * {@code moss.bench.threads} (CPU threads per stage, default 2).
 */
class BindingBench {

    /** One measurement. */
    private record Figures(double ttftMs, double msPerToken, double tokensPerSecond, double outsideUs) {
        Figures best(Figures other) {
            return other == null
                    ? this
                    : new Figures(
                            Math.min(ttftMs, other.ttftMs),
                            Math.min(msPerToken, other.msPerToken),
                            Math.max(tokensPerSecond, other.tokensPerSecond),
                            Math.min(outsideUs, other.outsideUs));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "moss.bench", matches = "true")
    void cpu_plain_and_bound_in_turns() {
        ModelDirectory directory = model();
        DeviceInventory cpu = DeviceInventory.cpuOnly();
        PlacementPlan plan =
                PlacementPlan.allOn(cpu.cpu(), directory.manifest().stages().size());
        Map<String, Map<Integer, Figures>> results =
                run(directory, plan, cpu, List.of(IoBinding.NEVER, IoBinding.ALWAYS));
        Map<Integer, Figures> plain = results.get("NEVER");
        Map<Integer, Figures> bound = results.get("ALWAYS");
        System.out.println();
        System.out.println(header(directory, plan));
        System.out.println();
        System.out.println("| prompt | TTFT plain | TTFT bound | ms/token plain | ms/token bound | bound / plain"
                + " | outside ONNX Runtime per token, plain | bound |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int p : plain.keySet()) {
            Figures a = plain.get(p);
            Figures b = bound.get(p);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.1f ms | %.1f ms | %.3f | %.3f | %.3f | %.1f µs | %.1f µs |%n",
                    p,
                    a.ttftMs,
                    b.ttftMs,
                    a.msPerToken,
                    b.msPerToken,
                    b.msPerToken / a.msPerToken,
                    a.outsideUs,
                    b.outsideUs);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "moss.cuda", matches = "true")
    void gpu_bound_and_plain_against_the_bandwidth_limit() {
        ModelDirectory directory = model();
        DeviceInventory inventory = DeviceInventory.detect();
        List<Device> gpus = inventory.devices().stream()
                .filter(d -> d.kind() == Device.Kind.CUDA)
                .toList();
        assumeTrue(!gpus.isEmpty(), "nvidia-smi lists no GPU");
        int stages = directory.manifest().stages().size();
        String devices =
                System.getProperty("moss.bench.devices", gpus.size() >= 2 && stages >= 2 ? "cuda:0,cuda:1" : "cuda:0");
        PlacementPlan plan = spread(PlacementPlan.parse(devices, inventory, stages), stages);
        Map<String, Map<Integer, Figures>> results =
                run(directory, plan, inventory, List.of(IoBinding.AUTO, IoBinding.NEVER));
        System.out.println();
        System.out.println(header(directory, plan));
        System.out.println();
        System.out.println("| prompt | run | TTFT | tokens/s | ms/token | bandwidth limit | % of limit |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int p : results.get("AUTO").keySet()) {
            double limit = bandwidthLimit(directory.manifest(), plan, p);
            for (var run : List.of(
                    Map.entry("AUTO", "IoBinding, KV on the cards"), Map.entry("NEVER", "plain, KV through host"))) {
                Figures f = results.get(run.getKey()).get(p);
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %s | %.1f ms | %.1f | %.2f | %s | %s |%n",
                        p,
                        run.getValue(),
                        f.ttftMs,
                        f.tokensPerSecond,
                        f.msPerToken,
                        Double.isNaN(limit) ? "n/a" : String.format(Locale.ROOT, "%.1f tok/s", limit),
                        Double.isNaN(limit)
                                ? "n/a"
                                : String.format(Locale.ROOT, "%.0f %%", 100 * f.tokensPerSecond / limit));
            }
        }
    }

    /** A one-device plan written for fewer stages than the model has: the last device takes the rest. */
    private static PlacementPlan spread(PlacementPlan plan, int stages) {
        List<Device> devices = new ArrayList<>(plan.devices());
        while (devices.size() < stages) {
            devices.add(devices.getLast());
        }
        return new PlacementPlan(devices.subList(0, stages));
    }

    /**
     * Decode's upper bound: a token must read every stage's weights and, at context {@code tokens}, its KV cache
     * from the memory of the stage's card, one stage after another.
     */
    static double bandwidthLimit(ModelManifest manifest, PlacementPlan plan, int tokens) {
        ModelArchitecture a = manifest.architecture();
        double seconds = 0;
        for (StageSpec stage : manifest.stages()) {
            double bandwidth = bandwidth(plan.deviceOf(stage.index()));
            long kv = stage.layerCount() * a.kvBytesPerLayerPerToken(manifest.dtype()) * (long) tokens;
            seconds += (stage.weightBytes() + kv) / bandwidth;
        }
        return 1 / seconds;
    }

    /** Bytes per second: {@code moss.gpu.bandwidth} (GB/s), else the card's data sheet; NaN when unknown. */
    private static double bandwidth(Device device) {
        String override = System.getProperty("moss.gpu.bandwidth");
        if (override != null) {
            return Double.parseDouble(override) * 1e9;
        }
        String name = device.name().toUpperCase(Locale.ROOT);
        // Data-sheet memory bandwidth, GB/s.
        Map<String, Double> known = new LinkedHashMap<>();
        known.put("H200", 4800.0);
        known.put("H100 NVL", 3900.0);
        known.put("H100 PCIE", 2000.0);
        known.put("H100", 3350.0);
        known.put("A100-SXM4-80GB", 2039.0);
        known.put("A100 80GB PCIE", 1935.0);
        known.put("A100", 1555.0);
        known.put("L40S", 864.0);
        known.put("RTX 4090", 1008.0);
        known.put("RTX 3090", 936.0);
        for (Map.Entry<String, Double> card : known.entrySet()) {
            if (name.contains(card.getKey())) {
                return card.getValue() * 1e9;
            }
        }
        return Double.NaN;
    }

    /** Each mode at each prompt length, in turns, best of the rounds. */
    private static Map<String, Map<Integer, Figures>> run(
            ModelDirectory directory, PlacementPlan plan, DeviceInventory inventory, List<IoBinding> modes) {
        int threads = Integer.getInteger("moss.bench.threads", 2);
        int newTokens = Integer.getInteger("moss.bench.tokens", 64);
        int rounds = Integer.getInteger("moss.bench.rounds", 3);
        List<Integer> prompts = Arrays.stream(
                        System.getProperty("moss.bench.prompts", "32,1000").split(","))
                .map(s -> Integer.parseInt(s.strip()))
                .filter(p ->
                        p + newTokens <= directory.manifest().architecture().nPositions())
                .toList();
        Map<String, Map<Integer, Figures>> best = new LinkedHashMap<>();
        List<LoadedModel> models = new ArrayList<>();
        try {
            for (IoBinding mode : modes) {
                PipelineOptions options = PipelineOptions.DEFAULTS
                        .withIntraOpThreads(threads)
                        .withIoBinding(mode)
                        .withCuda(CudaOptions.DEFAULTS);
                LoadedModel model = LoadedModel.load(directory, plan, inventory, options, Optional.empty());
                models.add(model);
                assertEquals(Optional.empty(), model.pipeline().bindingFallback());
                time(model, 8, 4, 0); // warm up
                best.put(mode.name(), new LinkedHashMap<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (int p : prompts) {
                    // ABBA: who goes first alternates, so a drift in the machine's load falls on both.
                    for (int k = 0; k < modes.size(); k++) {
                        int m = round % 2 == 0 ? k : modes.size() - 1 - k;
                        // A new random prompt each time: none reuses the cache of the one before.
                        Figures f = time(models.get(m), p, newTokens, 1 + round + 10L * p);
                        best.get(modes.get(m).name()).merge(p, f, Figures::best);
                        System.out.printf(
                                Locale.ROOT,
                                "%s (bound: %s) prompt %d: TTFT %.1f ms, %.3f ms/token, %.1f tokens/s, %.1f µs/token outside%n",
                                modes.get(m),
                                models.get(m).pipeline().isBound(),
                                p,
                                f.ttftMs,
                                f.msPerToken,
                                f.tokensPerSecond,
                                f.outsideUs);
                    }
                }
            }
        } finally {
            models.forEach(LoadedModel::close);
        }
        return best;
    }

    /** Greedy, {@code <eom>} ignored: TTFT, the median gap between tokens, tokens per second of decode. */
    private static Figures time(LoadedModel model, int promptTokens, int newTokens, long seed) {
        int vocab = model.manifest().architecture().vocabSize();
        SplittableRandom random = new SplittableRandom(seed);
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = random.nextInt(vocab);
        }
        long[] at = new long[newTokens + 1];
        int[] heard = {0};
        TokenListener listener = (token, text) -> {
            if (heard[0] < at.length) {
                at[heard[0]++] = System.nanoTime();
            }
        };
        GenerationResult result = model.generator()
                .generate(
                        new GenerationRequest(
                                prompt,
                                GenerationSettings.MOSS_DEFAULTS
                                        .withGreedy(true)
                                        .withMaxNewTokens(newTokens),
                                List.of(),
                                false),
                        listener);
        assertTrue(result.error().isEmpty(), () -> result.error().orElseThrow().toString());
        double[] gaps = new double[Math.max(0, heard[0] - 1)];
        for (int i = 1; i < heard[0]; i++) {
            gaps[i - 1] = (at[i] - at[i - 1]) / 1e6;
        }
        Arrays.sort(gaps);
        double median = gaps.length == 0 ? Double.NaN : gaps[gaps.length / 2];
        // Our loop's own time per token: binding the inputs (bound) or ORT Java's argument marshalling (plain),
        // the sampler, the stream decoder.
        double outside = result.generatedTokens() < 2
                ? Double.NaN
                : (result.decodeTime().toNanos() - result.decodeRunTime().toNanos())
                        / 1e3
                        / (result.generatedTokens() - 1);
        return new Figures(result.timeToFirstToken().toNanos() / 1e6, median, result.tokensPerSecond(), outside);
    }

    private static ModelDirectory model() {
        String model = System.getProperty("moss.bench.model");
        return model == null ? TestModels.demoDirectory() : ModelDirectory.open(Path.of(model));
    }

    private static String header(ModelDirectory directory, PlacementPlan plan) {
        ModelManifest m = directory.manifest();
        return String.format(
                Locale.ROOT,
                "model %s: %d layers × %d, vocab %d, %s, weights %.1f MB, %d stages on %s; %d threads, %d new tokens,"
                        + " greedy, best of %d rounds; ONNX Runtime %s",
                m.name(),
                m.architecture().nLayer(),
                m.architecture().nEmbd(),
                m.architecture().vocabSize(),
                m.dtype().manifestName(),
                m.weightBytes() / 1e6,
                m.stages().size(),
                plan.devices().stream().map(Device::id).collect(Collectors.joining(",")),
                Integer.getInteger("moss.bench.threads", 2),
                Integer.getInteger("moss.bench.tokens", 64),
                Integer.getInteger("moss.bench.rounds", 3),
                OrtLoader.environment().getVersion());
    }
}
