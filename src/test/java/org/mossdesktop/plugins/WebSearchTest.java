// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.moss.ToolResult.Snippet;

class WebSearchTest {

    private static final Duration SHORT = Duration.ofMillis(500);

    private final LoopbackServer server = new LoopbackServer();
    private Locale language;

    @BeforeEach
    void english() {
        language = Messages.locale();
        Messages.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void close() {
        server.close();
        Messages.setLocale(language);
    }

    private static ToolResult search(SearchSettings settings, String query) throws InterruptedException {
        return new WebSearch(settings, EndpointConsent.granted()).run(query);
    }

    private SearchSettings searxng() {
        return SearchSettings.searxng(server.uri()).withTimeout(SHORT);
    }

    private SearchSettings brave() {
        return SearchSettings.brave("test-key").withEndpoint(server.uri()).withTimeout(SHORT);
    }

    @Test
    void searxng_gives_the_top_three_hits_as_plain_one_line_snippets() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, LoopbackServer.resource("searxng-response.json")));

        ToolResult result = search(searxng(), "Fudan University MOSS");

        assertEquals(
                new ToolResult.Snippets(List.of(
                        new Snippet(
                                "MOSS: a conversational language model from Fudan University",
                                "https://example.org/fudan/moss",
                                "MOSS is an open-source conversational language model that supports Chinese and"
                                        + " English and can use plugins such as a calculator and web search."),
                        new Snippet(
                                "Fudan releases MOSS plugin model",
                                "https://example.com/news/moss-release",
                                "The plugin model was trained on about 300,000 dialogues that call tools."),
                        new Snippet(
                                "MOSS (language model) - Wiki",
                                "https://example.net/wiki/MOSS",
                                "MOSS (language model) - Wiki"))),
                result);
    }

    @Test
    void searxng_is_asked_for_json_with_the_query_encoded() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, LoopbackServer.resource("searxng-response.json")));

        search(searxng(), "上海 天气 & more");

        URI asked = server.requests.getFirst().uri();
        assertEquals("/search", asked.getPath());
        assertEquals("q=%E4%B8%8A%E6%B5%B7+%E5%A4%A9%E6%B0%94+%26+more&format=json", asked.getRawQuery());
    }

    @Test
    void brave_sends_the_key_in_its_header_and_unbolds_the_descriptions() throws InterruptedException {
        server.on("/res/v1/web/search", LoopbackServer.json(200, LoopbackServer.resource("brave-response.json")));

        ToolResult result = search(brave(), "weather in Shanghai");

        assertEquals(
                new ToolResult.Snippets(List.of(
                        new Snippet(
                                "Shanghai, China Weather Forecast",
                                "https://weather.example.com/shanghai",
                                "Current weather in Shanghai: 18&deg;C, light rain & wind from the east."),
                        new Snippet("上海天气预报", "https://tianqi.example.cn/shanghai", "上海今天小雨，气温 15～19 度。"))),
                result);
        LoopbackServer.Request request = server.requests.getFirst();
        assertEquals("test-key", request.headers().getFirst("X-Subscription-Token"));
        assertEquals("q=weather+in+Shanghai&count=3", request.uri().getRawQuery());
    }

    @Test
    void brave_without_a_key_fails_before_any_request() throws InterruptedException {
        ToolResult result = search(SearchSettings.brave("").withEndpoint(server.uri()), "anything");

        assertEquals(
                new ToolResult.Failed("The Brave Search API key is missing. Enter it in Settings › Tools."), result);
        assertEquals(List.of(), server.requests);
    }

    @Test
    void a_server_slower_than_the_timeout_is_a_failure_not_a_hang() throws InterruptedException {
        server.on("/search", LoopbackServer.sleeping(5_000));

        ToolResult result = search(searxng().withTimeout(Duration.ofMillis(300)), "slow");

        assertEquals(new ToolResult.Failed("SearXNG did not answer within 1 seconds."), result);
    }

    @Test
    void a_server_error_is_reported_with_its_status() throws InterruptedException {
        server.on("/search", LoopbackServer.json(500, "{\"error\": \"engine crashed\"}"));

        assertEquals(new ToolResult.Failed("SearXNG answered with an error (HTTP 500)."), search(searxng(), "query"));
    }

    @Test
    void a_rate_limit_is_reported_as_one() throws InterruptedException {
        server.on(
                "/res/v1/web/search",
                LoopbackServer.json(
                        429,
                        "{\"type\": \"ErrorResponse\", \"error\": {\"id\": \"3c2f\", \"status\": 429, \"code\":"
                                + " \"RATE_LIMITED\", \"detail\": \"Request rate limit exceeded for plan.\"},"
                                + " \"time\": 1764316800}"));

        assertEquals(
                new ToolResult.Failed(
                        "Brave Search refused the request: too many requests. Try again later or check your plan."),
                search(brave(), "query"));
    }

    @Test
    void a_rejected_key_asks_the_user_to_check_it() throws InterruptedException {
        server.on("/res/v1/web/search", LoopbackServer.json(401, "{\"type\": \"ErrorResponse\"}"));

        assertEquals(
                new ToolResult.Failed("Brave Search refused access (HTTP 401). Check the API key in Settings › Tools."),
                search(brave(), "query"));
    }

    @Test
    void searxng_without_its_json_format_enabled_says_how_to_enable_it() throws InterruptedException {
        server.on(
                "/search",
                exchange -> LoopbackServer.respond(exchange, 403, "text/html", "<h1>Forbidden</h1>".getBytes()));

        ToolResult result = search(searxng(), "query");

        assertEquals(
                new ToolResult.Failed("The SearXNG instance at " + EndpointConsent.endpoint(server.uri())
                        + " refused JSON results. Add \"json\" to search.formats in its settings.yml."),
                result);
    }

    @Test
    void malformed_json_is_a_failure() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, "{\"results\": [ {\"url\": "));

        assertEquals(
                new ToolResult.Failed("SearXNG sent an answer MOSS Desktop cannot read."), search(searxng(), "query"));
    }

    @Test
    void json_of_another_shape_is_a_failure() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, "[1, 2, 3]"));

        assertEquals(
                new ToolResult.Failed("SearXNG sent an answer MOSS Desktop cannot read."), search(searxng(), "query"));
    }

    @Test
    void no_hits_is_no_result() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, "{\"query\": \"x\", \"results\": []}"));

        assertInstanceOf(ToolResult.NoResult.class, search(searxng(), "query"));
    }

    @Test
    void nothing_listening_is_a_failure_naming_the_host() throws InterruptedException {
        ToolResult result = search(SearchSettings.searxng(LoopbackServer.nothingListening()), "query");

        assertEquals(
                new ToolResult.Failed("Cannot reach SearXNG at 127.0.0.1. Check its address in Settings › Tools and"
                        + " your network connection."),
                result);
    }

    @Test
    void a_refused_endpoint_is_never_contacted() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, LoopbackServer.resource("searxng-response.json")));
        EndpointConsent refusing = new EndpointConsent((tool, endpoint) -> false, EndpointConsent.inMemory());

        ToolResult result = new WebSearch(searxng(), refusing).run("query");

        assertEquals(
                new ToolResult.Failed("You did not allow MOSS's tools to contact "
                        + EndpointConsent.endpoint(server.uri()) + ". You can allow it in Settings › Tools."),
                result);
        assertEquals(List.of(), server.requests);
    }

    @Test
    void a_granted_endpoint_is_asked_about_once() throws InterruptedException {
        server.on("/search", LoopbackServer.json(200, LoopbackServer.resource("searxng-response.json")));
        AtomicInteger questions = new AtomicInteger();
        EndpointConsent consent =
                new EndpointConsent((tool, endpoint) -> questions.incrementAndGet() > 0, EndpointConsent.inMemory());
        WebSearch search = new WebSearch(searxng(), consent);

        search.run("first");
        search.run("second");

        assertEquals(1, questions.get());
        assertEquals(2, server.requests.size());
    }

    @Test
    void failures_are_told_in_the_users_language() throws InterruptedException {
        server.on("/search", LoopbackServer.json(500, "{}"));
        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);

        assertEquals(new ToolResult.Failed("SearXNG返回错误（HTTP 500）。"), search(searxng(), "query"));
    }
}
