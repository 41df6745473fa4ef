// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mossdesktop.moss.Tool;

class EndpointConsentTest {

    private final List<String> asked = new ArrayList<>();

    private EndpointConsent consent(boolean answer, EndpointConsent.Memory memory) {
        return new EndpointConsent(
                (tool, endpoint) -> {
                    asked.add(tool + " " + endpoint);
                    return answer;
                },
                memory);
    }

    @Test
    void the_user_is_asked_once_per_endpoint() throws InterruptedException {
        EndpointConsent consent = consent(true, EndpointConsent.inMemory());

        assertTrue(consent.allows(Tool.WEB_SEARCH, URI.create("https://api.search.brave.com/res/v1/web/search?q=a")));
        assertTrue(consent.allows(Tool.WEB_SEARCH, URI.create("https://API.search.brave.com/other")));
        assertTrue(consent.allows(Tool.TEXT_TO_IMAGE, URI.create("http://127.0.0.1:7860")));

        assertEquals(
                List.of("WEB_SEARCH https://api.search.brave.com:443", "TEXT_TO_IMAGE http://127.0.0.1:7860"), asked);
    }

    @Test
    void a_refusal_is_remembered_too() throws InterruptedException {
        EndpointConsent consent = consent(false, EndpointConsent.inMemory());

        assertFalse(consent.allows(Tool.WEB_SEARCH, URI.create("http://localhost:8888")));
        assertFalse(consent.allows(Tool.WEB_SEARCH, URI.create("http://localhost:8888/search")));

        assertEquals(1, asked.size());
    }

    @Test
    void answers_are_handed_to_the_memory_and_read_back_from_it_next_time() throws InterruptedException {
        EndpointConsent.Memory settings = EndpointConsent.inMemory();
        consent(true, settings).allows(Tool.WEB_SEARCH, URI.create("http://localhost:8888"));
        consent(false, settings).allows(Tool.TEXT_TO_IMAGE, URI.create("http://localhost:8188"));
        asked.clear();

        EndpointConsent nextRun = consent(false, settings);

        assertTrue(nextRun.allows(Tool.WEB_SEARCH, URI.create("http://localhost:8888/search")));
        assertFalse(nextRun.allows(Tool.TEXT_TO_IMAGE, URI.create("http://localhost:8188/prompt")));
        assertEquals(List.of(), asked);
        assertEquals(Map.of("http://localhost:8888", true, "http://localhost:8188", false), settings.load());
    }

    @Test
    void an_endpoint_is_scheme_host_and_port() {
        assertEquals("https://example.org:443", EndpointConsent.endpoint(URI.create("https://Example.org/a?b=c")));
        assertEquals("http://example.org:80", EndpointConsent.endpoint(URI.create("http://example.org")));
        assertEquals("http://example.org:8080", EndpointConsent.endpoint(URI.create("http://example.org:8080/x")));
    }
}
