// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.OptionalLong;
import org.mossdesktop.engine.GenerationSettings;

/** How the store keeps {@link GenerationSettings} in a JSON column; independent of the export format. */
final class GenerationSettingsJson {

    private GenerationSettingsJson() {}

    static String write(GenerationSettings settings) {
        JsonObject json = new JsonObject();
        json.addProperty("temperature", settings.temperature());
        json.addProperty("topP", settings.topP());
        json.addProperty("topK", settings.topK());
        json.addProperty("repetitionPenalty", settings.repetitionPenalty());
        json.addProperty("maxNewTokens", settings.maxNewTokens());
        json.addProperty("greedy", settings.greedy());
        if (settings.seed().isPresent()) {
            json.addProperty("seed", settings.seed().getAsLong());
        } else {
            json.add("seed", JsonNull.INSTANCE);
        }
        return json.toString();
    }

    static GenerationSettings read(String text) {
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        JsonElement seed = json.get("seed");
        return new GenerationSettings(
                json.get("temperature").getAsDouble(),
                json.get("topP").getAsDouble(),
                json.get("topK").getAsInt(),
                json.get("repetitionPenalty").getAsDouble(),
                json.get("maxNewTokens").getAsInt(),
                json.get("greedy").getAsBoolean(),
                seed == null || seed.isJsonNull() ? OptionalLong.empty() : OptionalLong.of(seed.getAsLong()));
    }
}
