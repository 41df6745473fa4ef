// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tool responses of MOSS's training conversations ({@link org.mossdesktop.moss.SftSamples}). */
final class SftSamples {

    /** One turn's "Tool Responses" text, e.g. {@code <|Results|>:\nCalculate("1+1") => '2'\n<eor>\n}. */
    record ToolResponse(String file, String text) {}

    private SftSamples() {}

    static List<ToolResponse> toolResponses() {
        List<ToolResponse> responses = new ArrayList<>();
        for (Path file : org.mossdesktop.moss.SftSamples.files()) {
            JsonObject conversation = org.mossdesktop.moss.SftSamples.json(file);
            if (!conversation.has("chat")) {
                continue;
            }
            for (var turn : conversation.getAsJsonObject("chat").entrySet()) {
                JsonElement response = turn.getValue().getAsJsonObject().get("Tool Responses");
                if (response != null && response.isJsonPrimitive()) {
                    responses.add(new ToolResponse(file.getFileName().toString(), response.getAsString()));
                }
            }
        }
        return responses;
    }
}
