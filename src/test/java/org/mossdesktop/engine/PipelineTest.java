// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.UserFacingException;

class PipelineTest {

    private static final PipelineOptions TWO_THREADS = PipelineOptions.DEFAULTS.withIntraOpThreads(2);

    @Test
    void the_same_weights_in_one_two_or_three_stages_give_the_same_logits_and_greedy_reply() {
        List<float[]> logits = new ArrayList<>();
        List<int[]> replies = new ArrayList<>();
        for (int stages = 1; stages <= 3; stages++) {
            ModelDirectory directory = ModelDirectory.open(TestModels.demoInStages(stages));
            assertEquals(stages, directory.manifest().stages().size());
            try (LoadedModel model = LoadedModel.loadOnCpu(directory, TWO_THREADS, Optional.empty())) {
                int[] prompt = model.tokenizer().encode("<|Human|>: 你好，请介绍一下你自己。<eoh>");
                logits.add(model.pipeline().forward(prompt, 0, prompt.length, 0).clone());
                replies.add(model.generator()
                        .generate(
                                new GenerationRequest(
                                        prompt,
                                        GenerationSettings.MOSS_DEFAULTS
                                                .withGreedy(true)
                                                .withMaxNewTokens(24)),
                                TokenListener.NONE)
                        .tokens());
            }
        }
        assertArrayEquals(logits.get(0), logits.get(1), 1e-4f);
        assertArrayEquals(logits.get(0), logits.get(2), 1e-4f);
        assertArrayEquals(replies.get(0), replies.get(1));
        assertArrayEquals(replies.get(0), replies.get(2));
    }

    @Test
    void an_fp16_export_reads_and_writes_its_cache_in_fp16_and_agrees_with_fp32() {
        float[][] logits = new float[2][];
        for (int i = 0; i < 2; i++) {
            String dtype = i == 0 ? "fp32" : "fp16";
            ModelDirectory directory = ModelDirectory.open(TestModels.demoExport(2, dtype));
            assertEquals(dtype, directory.manifest().dtype().manifestName());
            try (LoadedModel model = LoadedModel.loadOnCpu(directory, TWO_THREADS, Optional.empty())) {
                int[] prompt = model.tokenizer().encode("<|Human|>: Hello! Who are you?");
                model.pipeline().forward(prompt, 0, prompt.length - 1, 0); // prefill, then a decode step
                logits[i] = model.pipeline()
                        .forward(prompt, prompt.length - 1, prompt.length, prompt.length - 1)
                        .clone();
            }
        }
        assertEquals(Sampler.argmax(logits[0]), Sampler.argmax(logits[1]));
        for (int t = 0; t < logits[0].length; t++) {
            assertEquals(logits[0][t], logits[1][t], 0.05f + 0.01f * Math.abs(logits[0][t]), "token " + t);
        }
    }

    @Test
    void one_token_at_a_time_over_the_cache_gives_the_logits_of_a_whole_prefill() {
        try (LoadedModel model = TestModels.loadDemo(PipelineOptions.DEFAULTS)) {
            Pipeline pipeline = model.pipeline();
            int[] prompt = model.tokenizer().encode("The cache is updated in place, one position per step.");
            float[] whole = pipeline.forward(prompt, 0, prompt.length, 0).clone();
            pipeline.forward(prompt, 0, 3, 0);
            float[] stepwise = null;
            for (int i = 3; i < prompt.length; i++) {
                stepwise = pipeline.forward(prompt, i, i + 1, i);
            }
            assertArrayEquals(whole, stepwise, 1e-4f);
        }
    }

    @Test
    void a_gpu_stage_without_the_cuda_provider_is_an_error_not_a_cpu_fallback() {
        assumeFalse(OrtLoader.availableProviders().contains(OrtProvider.CUDA), "this build has CUDA");
        ModelDirectory directory = TestModels.demoDirectory();
        Device gpu = new Device(Device.Kind.CUDA, 0, "NVIDIA H100", 80L << 30, 80L << 30);
        DeviceInventory inventory = new DeviceInventory(List.of(Device.cpu(64L << 30), gpu));
        int stages = directory.manifest().stages().size();
        List<Device> devices = new ArrayList<>(java.util.Collections.nCopies(stages, inventory.cpu()));
        devices.set(stages - 1, gpu);
        UserFacingException e = assertThrows(
                UserFacingException.class,
                () -> Pipeline.load(directory, new PlacementPlan(devices), inventory, TWO_THREADS)
                        .close());
        assertEquals(
                "Stage " + (stages - 1) + " is placed on cuda:0, but this build of MOSS Desktop has no CUDA support."
                        + " Install the CUDA build, or place the stage on the CPU.",
                e.getMessage());
    }

    @Test
    void the_pipeline_reports_the_device_of_each_stage() {
        try (LoadedModel model = TestModels.loadDemo(PipelineOptions.DEFAULTS.withContextLength(64))) {
            assertEquals(64, model.pipeline().capacity());
            assertEquals(
                    java.util.Collections.nCopies(model.manifest().stages().size(), "cpu"),
                    model.pipeline().devices().stream().map(Device::id).toList());
        }
    }
}
