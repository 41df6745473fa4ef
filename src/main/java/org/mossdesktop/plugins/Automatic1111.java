// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Base64;

/**
 * AUTOMATIC1111/Forge: {@code POST /sdapi/v1/txt2img} with {@code {"prompt", "negative_prompt", "steps",
 * "width", "height", …}} → {@code {"images": ["<base64 PNG>"], "parameters": {…}, "info": "…"}}.
 */
final class Automatic1111 implements ImageProvider {

    private final ImageSettings settings;
    private final Http http;

    Automatic1111(ImageSettings settings) {
        this.settings = settings;
        this.http = new Http("Stable Diffusion web UI", settings.timeout());
    }

    @Override
    public byte[] generate(String prompt) throws ToolFailure, InterruptedException {
        JsonObject request = new JsonObject();
        request.addProperty("prompt", prompt);
        request.addProperty("negative_prompt", settings.negativePrompt());
        request.addProperty("steps", settings.steps());
        request.addProperty("width", settings.width());
        request.addProperty("height", settings.height());
        request.addProperty("batch_size", 1);
        request.addProperty("n_iter", 1);
        request.addProperty("seed", -1);
        request.addProperty("send_images", true);
        request.addProperty("save_images", false);
        JsonElement answer =
                http.sendForJson(http.request(SearxngSearch.resolve(settings.endpoint(), "sdapi/v1/txt2img"))
                        .header("Content-Type", "application/json")
                        .POST(Http.json(request))
                        .build());
        if (!(answer instanceof JsonObject object)
                || !(object.get("images") instanceof JsonArray images)
                || images.isEmpty()
                || !images.get(0).isJsonPrimitive()) {
            throw new ToolFailure("plugins.image.noImage");
        }
        String base64 = images.get(0).getAsString();
        int comma = base64.indexOf(',');
        if (base64.startsWith("data:") && comma > 0) {
            base64 = base64.substring(comma + 1); // some forks send a data URL
        }
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("plugins.net.malformed", http.service());
        }
    }
}
