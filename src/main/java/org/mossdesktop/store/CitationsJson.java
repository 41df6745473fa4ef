// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * How the store keeps a reply's {@link Citations} in a JSON column: an array of
 * {@code {"number": 1, "title": …, "url": …, "text": …}} in citation order, or SQL NULL for none (most
 * messages). Independent of the export format.
 */
final class CitationsJson {

    private CitationsJson() {}

    /** The column's value: empty (NULL) when there are no sources. */
    static Optional<String> write(Citations citations) {
        if (citations.isEmpty()) {
            return Optional.empty();
        }
        JsonArray sources = new JsonArray();
        for (Map.Entry<Integer, Snippet> source : citations.sources().entrySet()) {
            Snippet hit = source.getValue();
            JsonObject json = new JsonObject();
            json.addProperty("number", source.getKey());
            json.addProperty("title", orEmpty(hit.title()));
            json.addProperty("url", orEmpty(hit.url()));
            json.addProperty("text", orEmpty(hit.text()));
            sources.add(json);
        }
        return Optional.of(sources.toString());
    }

    static Citations read(String column) {
        if (column == null) {
            return Citations.none();
        }
        TreeMap<Integer, Snippet> sources = new TreeMap<>();
        for (JsonElement element : JsonParser.parseString(column).getAsJsonArray()) {
            JsonObject json = element.getAsJsonObject();
            sources.put(
                    json.get("number").getAsInt(),
                    new Snippet(text(json, "title"), text(json, "url"), text(json, "text")));
        }
        return new Citations(sources);
    }

    private static String text(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
