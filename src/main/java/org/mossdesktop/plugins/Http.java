// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The network tools' HTTP: every request with a timeout, no redirects (a redirect could lead past the
 * user's consent to another host), bodies read up to a limit, and every way it can go wrong turned into a
 * {@link ToolFailure} the user can read. {@code service} names the server in those messages.
 */
final class Http {

    static final int JSON_LIMIT = 8 << 20;
    static final int IMAGE_LIMIT = 64 << 20;

    private final HttpClient client;
    private final Duration timeout;
    private final String service;

    Http(String service, Duration timeout) {
        this.service = service;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "MOSS-Desktop");
    }

    static HttpRequest.BodyPublisher json(JsonElement body) {
        return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    }

    JsonElement sendForJson(HttpRequest request) throws ToolFailure, InterruptedException {
        byte[] body = send(request, JSON_LIMIT);
        try {
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new ToolFailure("plugins.net.malformed", service);
        }
    }

    /** The body of a 2xx answer. */
    byte[] send(HttpRequest request, int limit) throws ToolFailure, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ToolFailure("plugins.net.timeout", service, seconds(timeout));
        } catch (IOException e) {
            throw new ToolFailure(
                    "plugins.net.unreachable", service, request.uri().getHost());
        }
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status == 429) {
                throw new ToolFailure("plugins.net.rateLimited", service);
            }
            if (status == 401 || status == 403) {
                throw new ToolFailure("plugins.net.unauthorized", service, status);
            }
            if (status < 200 || status > 299) {
                throw new ToolFailure("plugins.net.status", service, status);
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new ToolFailure("plugins.net.malformed", service);
            }
            return body;
        } catch (HttpTimeoutException e) {
            throw new ToolFailure("plugins.net.timeout", service, seconds(timeout));
        } catch (IOException e) {
            throw new ToolFailure(
                    "plugins.net.unreachable", service, request.uri().getHost());
        }
    }

    /** Whole seconds for messages, rounded up: a 300 ms timeout is "1 second", not "0". */
    static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    String service() {
        return service;
    }
}
