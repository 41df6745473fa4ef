// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mossdesktop.engine.PipelineOptions.IoBinding;
import org.mossdesktop.i18n.Messages;

/** The pipeline's IoBinding path on the CPU: the same answers as the plain path, and a fallback that says why. */
class IoBindingTest {

    private static final PipelineOptions TWO_THREADS = PipelineOptions.DEFAULTS.withIntraOpThreads(2);
    private static final int STEPS = 100;

    /** The tokens a run saw and the logits it produced at each forward. */
    private record Run(int[] tokens, List<float[]> logits) {}

    @Test
    void the_binding_path_gives_the_plain_paths_logits_and_greedy_ids_over_100_steps_in_two_stages() {
        ModelDirectory directory = ModelDirectory.open(TestModels.demoInStages(2));
        assertEquals(2, directory.manifest().stages().size());
        Run plain = greedy(directory, IoBinding.NEVER);
        Run bound = greedy(directory, IoBinding.ALWAYS);
        assertArrayEquals(plain.tokens(), bound.tokens());
        assertEquals(plain.logits().size(), bound.logits().size());
        for (int i = 0; i < plain.logits().size(); i++) {
            assertArrayEquals(plain.logits().get(i), bound.logits().get(i), "forward " + i);
        }
    }

    /**
     * A prompt, 100 greedy steps, then a second turn (a prefill over the kept cache) and 10 more steps: every
     * shape the generator asks of the pipeline.
     */
    private static Run greedy(ModelDirectory directory, IoBinding mode) {
        int vocab = directory.manifest().architecture().vocabSize();
        SplittableRandom random = new SplittableRandom(7);
        int[] tokens = new int[12 + STEPS + 6 + 10];
        List<float[]> logits = new ArrayList<>();
        try (Pipeline pipeline = load(directory, mode)) {
            assertEquals(mode == IoBinding.ALWAYS, pipeline.isBound());
            int n = 12;
            for (int i = 0; i < n; i++) {
                tokens[i] = random.nextInt(vocab);
            }
            float[] last = pipeline.forward(tokens, 0, n, 0);
            logits.add(last.clone());
            for (int step = 0; step < STEPS; step++) {
                tokens[n] = Sampler.argmax(last);
                last = pipeline.forward(tokens, n, n + 1, n);
                logits.add(last.clone());
                n++;
            }
            for (int i = 0; i < 6; i++) {
                tokens[n + i] = random.nextInt(vocab);
            }
            last = pipeline.forward(tokens, n, n + 6, n);
            logits.add(last.clone());
            n += 6;
            for (int step = 0; step < 10; step++) {
                tokens[n] = Sampler.argmax(last);
                last = pipeline.forward(tokens, n, n + 1, n);
                logits.add(last.clone());
                n++;
            }
        }
        return new Run(tokens, logits);
    }

    private static Pipeline load(ModelDirectory directory, IoBinding mode) {
        DeviceInventory cpu = DeviceInventory.cpuOnly();
        return Pipeline.load(
                directory,
                PlacementPlan.allOn(cpu.cpu(), directory.manifest().stages().size()),
                cpu,
                TWO_THREADS.withIoBinding(mode).withContextLength(256));
    }

    @Test
    void every_native_handle_of_the_binding_path_is_released_exactly_once() {
        OrtCApi api = OrtCApi.shared();
        long[][] before = counts(api);
        ModelDirectory directory = TestModels.demoDirectory();
        Pipeline pipeline = load(directory, IoBinding.ALWAYS);
        int[] tokens = {5, 6, 7, 8, 9, 10};
        pipeline.forward(tokens, 0, 4, 0);
        pipeline.forward(tokens, 4, 5, 4);
        pipeline.forward(tokens, 5, 6, 5);
        long[][] open = counts(api);
        pipeline.close();
        long[][] closed = counts(api);
        pipeline.close(); // a second close releases nothing twice
        long[][] again = counts(api);

        int stages = directory.manifest().stages().size();
        int layers = directory.manifest().architecture().nLayer();
        assertEquals(stages, made(open, before, OrtCApi.Handle.IO_BINDING));
        assertEquals(stages, made(open, before, OrtCApi.Handle.RUN_OPTIONS));
        assertEquals(stages, made(open, before, OrtCApi.Handle.MEMORY_INFO));
        // Per stage: 2 cache buffers per layer and the hidden state it passes on; the prefill's outputs taken.
        assertTrue(made(open, before, OrtCApi.Handle.VALUE) > 2L * layers + stages - 1);
        for (OrtCApi.Handle kind : OrtCApi.Handle.values()) {
            long[] delta = {
                closed[kind.ordinal()][0] - before[kind.ordinal()][0],
                closed[kind.ordinal()][1] - before[kind.ordinal()][1]
            };
            assertEquals(delta[0], delta[1], kind + " made and released");
            assertArrayEquals(closed[kind.ordinal()], again[kind.ordinal()], kind + " after a second close");
        }
    }

    private static long[][] counts(OrtCApi api) {
        long[][] counts = new long[OrtCApi.Handle.values().length][];
        for (OrtCApi.Handle kind : OrtCApi.Handle.values()) {
            counts[kind.ordinal()] = api.count(kind);
        }
        return counts;
    }

    private static long made(long[][] after, long[][] before, OrtCApi.Handle kind) {
        return after[kind.ordinal()][0] - before[kind.ordinal()][0];
    }

    @Test
    void on_the_cpu_the_bound_cache_is_in_host_memory() {
        try (Pipeline pipeline = load(TestModels.demoDirectory(), IoBinding.ALWAYS)) {
            for (Stage stage : pipeline.stages()) {
                assertEquals(2 * stage.spec.layerCount(), stage.deviceCache().size());
                for (NativeTensor buffer : stage.deviceCache()) {
                    assertEquals("Cpu:0", buffer.location());
                }
            }
        }
    }

    @Test
    void where_the_c_api_refuses_binding_the_model_runs_plain_and_says_why() {
        ModelDirectory directory = TestModels.demoDirectory();
        DeviceInventory cpu = DeviceInventory.cpuOnly();
        try (LoadedModel model = LoadedModel.load(
                directory,
                PlacementPlan.allOn(cpu.cpu(), directory.manifest().stages().size()),
                cpu,
                TWO_THREADS.withIoBinding(IoBinding.ALWAYS).withContextLength(256),
                Optional.empty(),
                () -> OrtCApi.withTestedVersions(Set.of("0.0.1")),
                LoadProgress.NONE)) {
            assertFalse(model.pipeline().isBound());
            String reason = model.pipeline().bindingFallback().orElseThrow();
            assertTrue(reason.contains("0.0.1"), reason);
            assertEquals(
                    Messages.get("gpu.binding.fallback", reason),
                    model.warning().orElseThrow());
            int[] prompt = model.tokenizer().encode("<|Human|>: Hi<eoh>");
            GenerationResult reply = model.generator()
                    .generate(
                            new GenerationRequest(
                                    prompt,
                                    GenerationSettings.MOSS_DEFAULTS
                                            .withGreedy(true)
                                            .withMaxNewTokens(4)),
                            TokenListener.NONE);
            assertTrue(
                    reply.error().isEmpty(), () -> reply.error().orElseThrow().toString());
        }
    }

    @Test
    void on_the_cpu_auto_keeps_the_plain_run_and_warns_of_nothing() {
        try (LoadedModel model = TestModels.loadDemo(PipelineOptions.DEFAULTS.withContextLength(64))) {
            assertEquals(IoBinding.AUTO, PipelineOptions.DEFAULTS.ioBinding());
            assertFalse(model.pipeline().isBound());
            assertEquals(Optional.empty(), model.warning());
        }
    }
}
