// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Which search service MOSS's {@code Search("…")} uses and how.
 *
 * @param provider the service's kind
 * @param endpoint its base URL: a SearXNG instance ({@code http://localhost:8888}) or the API's
 * @param apiKey the key, for services that need one (Brave); read from {@link ApiKeys}, never stored here
 * @param timeout how long one search may take
 * @param results how many hits MOSS reads (it was trained on 3)
 */
public record SearchSettings(Provider provider, URI endpoint, String apiKey, Duration timeout, int results) {

    public enum Provider {
        /** A self-hosted SearXNG with its JSON API enabled. */
        SEARXNG,
        /** Brave Search API: a subscription key in the {@code X-Subscription-Token} header. */
        BRAVE;

        /** The name under which {@link ApiKeys} keeps this service's key. */
        public String keyName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final URI BRAVE_ENDPOINT = URI.create("https://api.search.brave.com");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int MOSS_RESULTS = 3;

    public SearchSettings {
        if (provider == null || endpoint == null || timeout == null) {
            throw new IllegalArgumentException("provider, endpoint and timeout are required");
        }
        apiKey = apiKey == null ? "" : apiKey.strip();
        results = Math.max(1, Math.min(results, 10));
    }

    public static SearchSettings searxng(URI endpoint) {
        return new SearchSettings(Provider.SEARXNG, endpoint, "", DEFAULT_TIMEOUT, MOSS_RESULTS);
    }

    public static SearchSettings brave(String apiKey) {
        return new SearchSettings(Provider.BRAVE, BRAVE_ENDPOINT, apiKey, DEFAULT_TIMEOUT, MOSS_RESULTS);
    }

    public SearchSettings withEndpoint(URI other) {
        return new SearchSettings(provider, other, apiKey, timeout, results);
    }

    public SearchSettings withTimeout(Duration other) {
        return new SearchSettings(provider, endpoint, apiKey, other, results);
    }

    /** Never prints the key (settings end up in logs). */
    @Override
    public String toString() {
        return "SearchSettings[" + provider + ", " + endpoint + ", key " + (apiKey.isEmpty() ? "none" : "set") + ", "
                + timeout + ", " + results + " results]";
    }
}
