// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ComfyUI: queue the workflow ({@code POST /prompt} → {@code {"prompt_id": …}}), poll
 * {@code GET /history/{prompt_id}} until its outputs list an image, fetch it with
 * {@code GET /view?filename=…&subfolder=…&type=…}.
 */
final class ComfyUi implements ImageProvider {

    static final String BUILT_IN_WORKFLOW = "comfyui-txt2img.json";
    private static final Duration POLL = Duration.ofMillis(250);

    private final ImageSettings settings;
    private final Http http;

    ComfyUi(ImageSettings settings) {
        this.settings = settings;
        this.http = new Http("ComfyUI", settings.timeout());
    }

    @Override
    public byte[] generate(String prompt) throws ToolFailure, InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        JsonObject request = new JsonObject();
        request.add("prompt", workflow(prompt));
        request.addProperty("client_id", UUID.randomUUID().toString());
        JsonElement queued = http.sendForJson(http.request(uri("prompt"))
                .header("Content-Type", "application/json")
                .POST(Http.json(request))
                .build());
        if (!(queued instanceof JsonObject q) || Json.string(q, "prompt_id").isEmpty()) {
            throw new ToolFailure("plugins.net.malformed", http.service());
        }
        String id = Json.string(q, "prompt_id");
        while (true) {
            JsonElement history = http.sendForJson(
                    http.request(uri("history/" + encode(id))).GET().build());
            if (history instanceof JsonObject h && h.get(id) instanceof JsonObject entry) {
                if (entry.get("status") instanceof JsonObject status
                        && "error".equals(Json.string(status, "status_str"))) {
                    throw new ToolFailure("plugins.image.failed", http.service());
                }
                JsonObject image = firstImage(entry);
                if (image != null) {
                    return http.send(
                            http.request(uri("view?filename=" + encode(Json.string(image, "filename"))
                                            + "&subfolder=" + encode(Json.string(image, "subfolder"))
                                            + "&type=" + encode(Json.string(image, "type"))))
                                    .GET()
                                    .build(),
                            Http.IMAGE_LIMIT);
                }
                if (entry.get("status") instanceof JsonObject status
                        && status.get("completed") instanceof JsonPrimitive completed
                        && completed.isBoolean()
                        && completed.getAsBoolean()) {
                    throw new ToolFailure("plugins.image.noImage");
                }
            }
            if (System.nanoTime() + POLL.toNanos() > deadline) {
                throw new ToolFailure("plugins.net.timeout", http.service(), Http.seconds(settings.timeout()));
            }
            Thread.sleep(POLL);
        }
    }

    private static JsonObject firstImage(JsonObject entry) {
        if (!(entry.get("outputs") instanceof JsonObject outputs)) {
            return null;
        }
        for (Map.Entry<String, JsonElement> node : outputs.entrySet()) {
            if (node.getValue() instanceof JsonObject output && output.get("images") instanceof JsonArray images) {
                for (JsonElement image : images) {
                    if (image instanceof JsonObject i
                            && !Json.string(i, "filename").isEmpty()) {
                        return i;
                    }
                }
            }
        }
        return null;
    }

    /** The workflow with this prompt, the settings' steps and size, and a fresh seed. */
    JsonObject workflow(String prompt) throws ToolFailure {
        String text = settings.workflow().isBlank() ? builtInWorkflow() : settings.workflow();
        JsonObject workflow;
        try {
            workflow = JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new ToolFailure("plugins.image.badWorkflow", String.valueOf(e.getMessage()));
        }
        Map<String, String> placeholders = Map.of(
                "{{prompt}}", prompt,
                "{{negative_prompt}}", settings.negativePrompt(),
                "{{checkpoint}}", settings.checkpoint());
        for (Map.Entry<String, JsonElement> node : workflow.entrySet()) {
            if (!(node.getValue() instanceof JsonObject n) || !(n.get("inputs") instanceof JsonObject inputs)) {
                continue;
            }
            for (Map.Entry<String, JsonElement> input : inputs.entrySet()) {
                if (input.getValue() instanceof JsonPrimitive p
                        && p.isString()
                        && placeholders.containsKey(p.getAsString())) {
                    input.setValue(new JsonPrimitive(placeholders.get(p.getAsString())));
                }
            }
            String type = Json.string(n, "class_type");
            if (type.startsWith("KSampler")) {
                inputs.addProperty("steps", settings.steps());
                inputs.addProperty(
                        inputs.has("noise_seed") ? "noise_seed" : "seed",
                        ThreadLocalRandom.current().nextLong(1L << 48));
            } else if (type.equals("EmptyLatentImage") || type.equals("EmptySD3LatentImage")) {
                inputs.addProperty("width", settings.width());
                inputs.addProperty("height", settings.height());
            }
        }
        return workflow;
    }

    private static String builtInWorkflow() {
        try (InputStream in = ComfyUi.class.getResourceAsStream(BUILT_IN_WORKFLOW)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return SearxngSearch.resolve(settings.endpoint(), path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
