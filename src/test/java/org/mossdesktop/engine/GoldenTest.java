// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The demo model run by our pipeline reproduces the PyTorch reference (demo-golden.json, written by onnx-export's
 * {@code golden} command): the greedy continuation id for id, and the ten best last-position logits of the
 * prefill within 1e-4.
 */
class GoldenTest {

    private static final float LOGIT_TOLERANCE = 1e-4f;

    private static JsonObject golden;
    private static LoadedModel model;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream("demo-golden.json")) {
            assumeTrue(in != null, "no demo-golden.json yet");
            golden = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
        model = TestModels.loadDemo(PipelineOptions.DEFAULTS);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> each_golden_case_is_reproduced() {
        assertEquals(
                golden.get("model_sha256").getAsString(),
                model.manifest().sourceSha256(),
                "demo-golden.json was made from another demo model");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement element : golden.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            String name = c.get("name").getAsString();
            tests.add(DynamicTest.dynamicTest(name + ": the prefill's ten best logits", () -> prefill(c)));
            tests.add(DynamicTest.dynamicTest(name + ": the greedy continuation", () -> greedy(c)));
        }
        return tests.stream();
    }

    private static void prefill(JsonObject c) {
        int[] prompt = ints(c.getAsJsonArray("prompt_ids"));
        float[] logits = model.pipeline().forward(prompt, 0, prompt.length, 0);
        JsonObject top = c.getAsJsonObject("prefill_top_k");
        int[] ids = ints(top.getAsJsonArray("ids"));
        JsonArray expected = top.getAsJsonArray("logits");
        for (int i = 0; i < ids.length; i++) {
            float want = expected.get(i).getAsFloat();
            float got = logits[ids[i]];
            assertTrue(
                    Math.abs(want - got) <= LOGIT_TOLERANCE + roundingOf(want),
                    "logit of token " + ids[i] + ": " + got + ", PyTorch " + want);
        }
        assertEquals(ids[0], Sampler.argmax(logits));
    }

    private static void greedy(JsonObject c) {
        int[] prompt = ints(c.getAsJsonArray("prompt_ids"));
        JsonObject g = c.getAsJsonObject("greedy");
        int[] expected = ints(g.getAsJsonArray("ids"));
        GenerationSettings greedy = GenerationSettings.MOSS_DEFAULTS
                .withGreedy(true)
                .withMaxNewTokens(golden.get("max_new_tokens").getAsInt());
        GenerationResult result = model.generator().generate(new GenerationRequest(prompt, greedy), TokenListener.NONE);
        assertArrayEquals(expected, result.tokens());
        FinishReason finish = g.get("finish").getAsString().equals("eom") ? FinishReason.EOM : FinishReason.MAX_TOKENS;
        assertEquals(finish, result.finishReason());
    }

    /** The golden file keeps 6 significant digits: half a unit of the 6th is not our error. */
    private static float roundingOf(float value) {
        return value == 0 ? 0 : (float) (0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 5));
    }

    private static int[] ints(JsonArray array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsInt();
        }
        return values;
    }
}
