// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * Brave Search API: {@code GET /res/v1/web/search?q=…&count=3} with the key in {@code X-Subscription-Token}
 * → {@code {"type": "search", "web": {"results": [{"title", "url", "description", …}]}, …}}. Descriptions
 * carry {@code <strong>} around the query's words. Queries are limited to 400 characters and 50 words.
 */
final class BraveSearch implements SearchProvider {

    private static final int MAX_QUERY_CHARS = 400;
    private static final int MAX_QUERY_WORDS = 50;

    private final SearchSettings settings;
    private final Http http;

    BraveSearch(SearchSettings settings) {
        this.settings = settings;
        this.http = new Http("Brave Search", settings.timeout());
    }

    @Override
    public List<Snippet> search(String query, int count) throws ToolFailure, InterruptedException {
        if (settings.apiKey().isEmpty()) {
            throw new ToolFailure("plugins.search.noKey", http.service());
        }
        URI uri = SearxngSearch.resolve(
                settings.endpoint(),
                "res/v1/web/search?q=" + URLEncoder.encode(shorten(query), StandardCharsets.UTF_8) + "&count="
                        + Math.min(count, 20));
        JsonElement answer = http.sendForJson(http.request(uri)
                .header("Accept", "application/json")
                .header("X-Subscription-Token", settings.apiKey())
                .GET()
                .build());
        if (!(answer instanceof JsonObject object)) {
            throw new ToolFailure("plugins.net.malformed", http.service());
        }
        List<Snippet> hits = new ArrayList<>();
        if (!(object.get("web") instanceof JsonObject web) || !(web.get("results") instanceof JsonArray results)) {
            return hits; // no web results for this query (the response then has no "web")
        }
        for (JsonElement result : results) {
            if (hits.size() == count) {
                break;
            }
            if (result instanceof JsonObject hit) {
                hits.add(new Snippet(
                        Json.string(hit, "title"), Json.string(hit, "url"), Json.string(hit, "description")));
            }
        }
        return hits;
    }

    private static String shorten(String query) {
        String[] words = query.split("\\s+");
        String text = words.length > MAX_QUERY_WORDS ? String.join(" ", Arrays.copyOf(words, MAX_QUERY_WORDS)) : query;
        return text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
    }
}
