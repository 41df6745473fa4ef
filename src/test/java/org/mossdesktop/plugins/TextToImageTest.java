// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.ToolResult;

class TextToImageTest {

    private static final byte[] PNG = png();

    private final LoopbackServer server = new LoopbackServer();
    private Locale language;

    @BeforeEach
    void english() {
        language = Messages.locale();
        Messages.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void close() {
        server.close();
        Messages.setLocale(language);
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, new Color(x * 16, y * 32, 128).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ToolResult draw(ImageSettings settings, String description) throws InterruptedException {
        return new TextToImage(settings, EndpointConsent.granted()).run(description);
    }

    private ImageSettings automatic1111() {
        return ImageSettings.automatic1111(server.uri()).withTimeout(Duration.ofSeconds(2));
    }

    private ImageSettings comfyUi() {
        return ImageSettings.comfyUi(server.uri(), "v1-5-pruned-emaonly.safetensors")
                .withTimeout(Duration.ofSeconds(5));
    }

    private static String automatic1111Answer(byte[] image) {
        return "{\"images\": [\"" + Base64.getEncoder().encodeToString(image) + "\"], \"parameters\": {\"prompt\":"
                + " \"a cat\", \"steps\": 20}, \"info\": \"{\\\"seed\\\": 1234, \\\"width\\\": 512}\"}";
    }

    @Test
    void automatic1111_returns_the_png_it_generated() throws InterruptedException {
        server.on("/sdapi/v1/txt2img", LoopbackServer.json(200, automatic1111Answer(PNG)));

        ToolResult result = draw(automatic1111(), "a cat sitting on a windowsill");

        ToolResult.Image image = (ToolResult.Image) result;
        assertArrayEquals(PNG, image.data());
        assertEquals("image/png", image.mimeType());
    }

    @Test
    void automatic1111_is_sent_the_prompt_and_the_settings() throws InterruptedException {
        server.on("/sdapi/v1/txt2img", LoopbackServer.json(200, automatic1111Answer(PNG)));

        draw(automatic1111(), "a cat sitting on a windowsill");

        LoopbackServer.Request request = server.requests.getFirst();
        assertEquals("POST", request.method());
        JsonObject body = JsonParser.parseString(request.body()).getAsJsonObject();
        assertEquals("a cat sitting on a windowsill", body.get("prompt").getAsString());
        assertEquals(20, body.get("steps").getAsInt());
        assertEquals(512, body.get("width").getAsInt());
        assertEquals(512, body.get("height").getAsInt());
    }

    @Test
    void bytes_that_are_no_image_are_a_failure() throws InterruptedException {
        server.on("/sdapi/v1/txt2img", LoopbackServer.json(200, automatic1111Answer("not an image".getBytes())));

        assertEquals(new ToolResult.Failed("The image generator returned no image."), draw(automatic1111(), "a cat"));
    }

    @Test
    void a_generator_error_is_reported_with_its_status() throws InterruptedException {
        server.on(
                "/sdapi/v1/txt2img",
                LoopbackServer.json(500, "{\"error\": \"OutOfMemoryError\", \"detail\": \"CUDA\"}"));

        assertEquals(
                new ToolResult.Failed("Stable Diffusion web UI answered with an error (HTTP 500)."),
                draw(automatic1111(), "a cat"));
    }

    @Test
    void a_generator_slower_than_the_timeout_is_a_failure_not_a_hang() throws InterruptedException {
        server.on("/sdapi/v1/txt2img", LoopbackServer.sleeping(5_000));

        ToolResult result = draw(automatic1111().withTimeout(Duration.ofMillis(300)), "a cat");

        assertEquals(new ToolResult.Failed("Stable Diffusion web UI did not answer within 1 seconds."), result);
    }

    @Test
    void comfyui_queues_the_workflow_waits_for_it_and_fetches_the_image() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        server.on("/prompt", LoopbackServer.json(200, "{\"prompt_id\": \"6f1c\", \"number\": 3, \"node_errors\": {}}"))
                .on("/history/6f1c", exchange -> {
                    String answer = polls.incrementAndGet() < 2
                            ? "{}"
                            : "{\"6f1c\": {\"prompt\": [3, \"6f1c\", {}, {}, [\"9\"]], \"outputs\": {\"9\": {\"images\":"
                                    + " [{\"filename\": \"MOSS_00001_.png\", \"subfolder\": \"\", \"type\": \"output\"}]}},"
                                    + " \"status\": {\"status_str\": \"success\", \"completed\": true, \"messages\": []}}}";
                    LoopbackServer.json(200, answer).handle(exchange);
                })
                .on("/view", exchange -> LoopbackServer.respond(exchange, 200, "image/png", PNG));

        ToolResult result = draw(comfyUi(), "a lighthouse at dusk");

        assertArrayEquals(PNG, ((ToolResult.Image) result).data());
        assertEquals(
                "filename=MOSS_00001_.png&subfolder=&type=output",
                server.requests.getLast().uri().getQuery());
    }

    @Test
    void comfyui_is_sent_the_workflow_with_prompt_checkpoint_steps_size_and_a_fresh_seed() throws InterruptedException {
        server.on("/prompt", LoopbackServer.json(200, "{\"prompt_id\": \"a\"}"))
                .on(
                        "/history/a",
                        LoopbackServer.json(
                                200,
                                "{\"a\": {\"outputs\": {\"9\": {\"images\": [{\"filename\":"
                                        + " \"x.png\", \"subfolder\": \"\", \"type\": \"output\"}]}}}}"))
                .on("/view", exchange -> LoopbackServer.respond(exchange, 200, "image/png", PNG));

        draw(comfyUi(), "a lighthouse at dusk");
        draw(comfyUi(), "a lighthouse at dusk");

        JsonObject first =
                JsonParser.parseString(server.requests.getFirst().body()).getAsJsonObject();
        JsonObject workflow = first.getAsJsonObject("prompt");
        assertEquals("a lighthouse at dusk", inputs(workflow, "6").get("text").getAsString());
        assertEquals(
                "v1-5-pruned-emaonly.safetensors",
                inputs(workflow, "4").get("ckpt_name").getAsString());
        assertEquals(20, inputs(workflow, "3").get("steps").getAsInt());
        assertEquals(512, inputs(workflow, "5").get("width").getAsInt());
        JsonObject second =
                JsonParser.parseString(server.requests.get(3).body()).getAsJsonObject();
        assertNotEquals(
                inputs(workflow, "3").get("seed"),
                inputs(second.getAsJsonObject("prompt"), "3").get("seed"));
    }

    private static JsonObject inputs(JsonObject workflow, String node) {
        return workflow.getAsJsonObject(node).getAsJsonObject("inputs");
    }

    @Test
    void a_comfyui_run_that_failed_is_reported() throws InterruptedException {
        server.on("/prompt", LoopbackServer.json(200, "{\"prompt_id\": \"b\"}"))
                .on(
                        "/history/b",
                        LoopbackServer.json(
                                200,
                                "{\"b\": {\"outputs\": {}, \"status\": {\"status_str\":"
                                        + " \"error\", \"completed\": false, \"messages\": [[\"execution_error\", {}]]}}}"));

        assertEquals(new ToolResult.Failed("ComfyUI could not generate the image."), draw(comfyUi(), "a cat"));
    }

    @Test
    void comfyui_refusing_the_workflow_is_reported() throws InterruptedException {
        server.on(
                "/prompt",
                LoopbackServer.json(
                        400,
                        "{\"error\": {\"type\": \"prompt_outputs_failed_validation\","
                                + " \"message\": \"Prompt outputs failed validation\"}, \"node_errors\": {}}"));

        assertEquals(new ToolResult.Failed("ComfyUI answered with an error (HTTP 400)."), draw(comfyUi(), "a cat"));
    }

    @Test
    void a_workflow_that_is_not_json_is_reported_before_any_request() throws InterruptedException {
        ToolResult result = draw(comfyUi().withWorkflow("{not json"), "a cat");

        assertEquals(ToolResult.Failed.class, result.getClass());
        assertEquals(List.of(), server.requests);
    }

    @Test
    void a_refused_endpoint_is_never_contacted() throws InterruptedException {
        server.on("/sdapi/v1/txt2img", LoopbackServer.json(200, automatic1111Answer(PNG)));
        EndpointConsent refusing = new EndpointConsent((tool, endpoint) -> false, EndpointConsent.inMemory());

        ToolResult result = new TextToImage(automatic1111(), refusing).run("a cat");

        assertEquals(ToolResult.Failed.class, result.getClass());
        assertEquals(List.of(), server.requests);
    }
}
