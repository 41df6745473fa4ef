// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mossdesktop.engine.PipelineOptions.IoBinding;

/**
 * The pipeline on NVIDIA GPUs, for machines that have them, with the CUDA build:
 *
 * <pre>
 * ./mvnw -Pcuda test -DskipPythonTests -Dmoss.cuda=true -Dtest=CudaPipelineTest
 * </pre>
 *
 * Needs CUDA 12 and cuDNN 9 libraries where ONNX Runtime finds them ({@code LD_LIBRARY_PATH}); the two-card test
 * needs two GPUs and is skipped with one.
 */
@EnabledIfSystemProperty(named = "moss.cuda", matches = "true")
class CudaPipelineTest {

    private static final int STEPS = 100;
    // fp32 on the GPU without TF32: the logits should agree with the CPU's to rounding.
    private static final CudaOptions NO_TF32 = CudaOptions.DEFAULTS.withTf32(false);

    private record Run(int[] tokens, List<float[]> logits) {}

    @Test
    void two_stages_on_cuda_0_and_cuda_1_keep_their_cache_on_their_card_and_answer_as_the_cpu_does() {
        DeviceInventory inventory = DeviceInventory.detect();
        assumeTrue(inventory.find("cuda:1").isPresent(), "two GPUs needed, nvidia-smi lists " + inventory);
        ModelDirectory directory = ModelDirectory.open(TestModels.demoInStages(2));
        Run cpu =
                greedy(directory, PlacementPlan.parse("cpu", inventory, 2), inventory, IoBinding.NEVER, pipeline -> {});
        Run gpu = greedy(
                directory, PlacementPlan.parse("cuda:0,cuda:1", inventory, 2), inventory, IoBinding.AUTO, pipeline -> {
                    assertTrue(
                            pipeline.isBound(), () -> pipeline.bindingFallback().orElse("?"));
                    for (Stage stage : pipeline.stages()) {
                        for (NativeTensor buffer : stage.deviceCache()) {
                            assertEquals("Cuda:" + stage.device.index(), buffer.location());
                        }
                    }
                });
        assertArrayEquals(cpu.tokens(), gpu.tokens());
        for (int i = 0; i < cpu.logits().size(); i++) {
            assertArrayEquals(cpu.logits().get(i), gpu.logits().get(i), 1e-3f, "forward " + i);
        }
    }

    @Test
    void on_one_gpu_the_bound_and_the_plain_run_agree() {
        DeviceInventory inventory = DeviceInventory.detect();
        assumeTrue(inventory.find("cuda:0").isPresent(), "no GPU: nvidia-smi lists " + inventory);
        ModelDirectory directory = ModelDirectory.open(TestModels.demoInStages(2));
        PlacementPlan plan = PlacementPlan.parse("cuda:0", inventory, 2);
        Run plain = greedy(directory, plan, inventory, IoBinding.NEVER, pipeline -> {});
        Run bound = greedy(directory, plan, inventory, IoBinding.AUTO, pipeline -> assertTrue(pipeline.isBound()));
        assertArrayEquals(plain.tokens(), bound.tokens());
        for (int i = 0; i < plain.logits().size(); i++) {
            assertArrayEquals(plain.logits().get(i), bound.logits().get(i), 1e-4f, "forward " + i);
        }
    }

    private static Run greedy(
            ModelDirectory directory,
            PlacementPlan plan,
            DeviceInventory inventory,
            IoBinding mode,
            java.util.function.Consumer<Pipeline> check) {
        int vocab = directory.manifest().architecture().vocabSize();
        SplittableRandom random = new SplittableRandom(7);
        int[] tokens = new int[16 + STEPS];
        List<float[]> logits = new ArrayList<>();
        PipelineOptions options = PipelineOptions.DEFAULTS
                .withIntraOpThreads(2)
                .withContextLength(512)
                .withIoBinding(mode)
                .withCuda(NO_TF32);
        try (LoadedModel model = LoadedModel.load(directory, plan, inventory, options, Optional.empty())) {
            check.accept(model.pipeline());
            assertEquals(Optional.empty(), model.warning());
            Pipeline pipeline = model.pipeline();
            int n = 16;
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
        }
        return new Run(tokens, logits);
    }
}
