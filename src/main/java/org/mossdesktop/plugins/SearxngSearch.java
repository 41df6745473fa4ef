// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * SearXNG's JSON API: {@code GET /search?q=…&format=json} → {@code {"results": [{"url", "title",
 * "content", …}], …}}. An instance answers 403 unless {@code json} is in {@code search.formats} of its
 * settings.yml; we say so.
 */
final class SearxngSearch implements SearchProvider {

    private final SearchSettings settings;
    private final Http http;

    SearxngSearch(SearchSettings settings) {
        this.settings = settings;
        this.http = new Http("SearXNG", settings.timeout());
    }

    @Override
    public List<Snippet> search(String query, int count) throws ToolFailure, InterruptedException {
        URI uri = resolve(
                settings.endpoint(), "search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json");
        JsonElement answer;
        try {
            answer = http.sendForJson(
                    http.request(uri).header("Accept", "application/json").GET().build());
        } catch (ToolFailure failure) {
            if (failure.key().equals("plugins.net.unauthorized")) {
                throw new ToolFailure("plugins.search.searxngJsonDisabled", EndpointConsent.endpoint(uri));
            }
            throw failure;
        }
        List<Snippet> hits = new ArrayList<>();
        if (!(answer instanceof JsonObject object) || !(object.get("results") instanceof JsonArray results)) {
            throw new ToolFailure("plugins.net.malformed", http.service());
        }
        for (JsonElement result : results) {
            if (hits.size() == count) {
                break;
            }
            if (result instanceof JsonObject hit) {
                hits.add(new Snippet(Json.string(hit, "title"), Json.string(hit, "url"), Json.string(hit, "content")));
            }
        }
        return hits;
    }

    /** {@code base} with {@code path} under it, whether or not the base ends in a slash. */
    static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
    }
}
