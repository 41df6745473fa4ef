// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.mossdesktop.moss.Tool;

/**
 * The user's say over where MOSS's tools send what they ask: before a tool first talks to an endpoint
 * (scheme, host and port), the user is asked; the answer is remembered for that endpoint, both ways.
 * The UI implements {@link Question} with a dialog; the app implements {@link Memory} on the settings store.
 */
public final class EndpointConsent {

    /** Asks the user. Called on a tool's thread, never the UI's; blocks until they answer. */
    @FunctionalInterface
    public interface Question {
        /** Whether {@code tool} may send requests to {@code endpoint} (e.g. {@code https://api.search.brave.com}). */
        boolean allow(Tool tool, String endpoint) throws InterruptedException;
    }

    /** Where answers outlive the app (the settings store). */
    public interface Memory {
        /** Every remembered answer, by endpoint. */
        Map<String, Boolean> load();

        void remember(String endpoint, boolean allowed);
    }

    private final Question question;
    private final Memory memory;
    private final Map<String, Boolean> answers;

    public EndpointConsent(Question question, Memory memory) {
        this.question = question;
        this.memory = memory;
        this.answers = new HashMap<>(memory.load());
    }

    /** A memory that lasts as long as the process (tests, the CLI). */
    public static Memory inMemory() {
        return new Memory() {
            private final Map<String, Boolean> answers = new HashMap<>();

            @Override
            public synchronized Map<String, Boolean> load() {
                return Map.copyOf(answers);
            }

            @Override
            public synchronized void remember(String endpoint, boolean allowed) {
                answers.put(endpoint, allowed);
            }
        };
    }

    /** Consent that never asks: for endpoints the user named themselves, e.g. on the command line. */
    public static EndpointConsent granted() {
        return new EndpointConsent((tool, endpoint) -> true, inMemory());
    }

    /** Whether {@code tool} may call {@code uri}; asks the user the first time for its endpoint. */
    public synchronized boolean allows(Tool tool, URI uri) throws InterruptedException {
        String endpoint = endpoint(uri);
        Boolean known = answers.get(endpoint);
        if (known != null) {
            return known;
        }
        boolean allowed = question.allow(tool, endpoint);
        answers.put(endpoint, allowed);
        memory.remember(endpoint, allowed);
        return allowed;
    }

    /** {@code https://Example.org/x?y} → {@code https://example.org:443}: the unit the user decides on. */
    public static String endpoint(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
