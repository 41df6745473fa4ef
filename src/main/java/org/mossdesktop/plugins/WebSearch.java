// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.time.Duration;
import java.util.List;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * {@code Search("…")}: the top hits of the configured service, as plain one-line snippets. Asks the user
 * before the first search to a new endpoint; every failure becomes a {@link ToolResult.Failed} saying why.
 */
public final class WebSearch implements Plugin {

    /** Longest snippet MOSS reads: its training snippets were a few sentences. */
    static final int MAX_SNIPPET_CHARS = 400;

    private static final int MAX_TITLE_CHARS = 200;

    private final SearchSettings settings;
    private final EndpointConsent consent;

    public WebSearch(SearchSettings settings, EndpointConsent consent) {
        this.settings = settings;
        this.consent = consent;
    }

    @Override
    public Tool tool() {
        return Tool.WEB_SEARCH;
    }

    @Override
    public Duration timeout() {
        // Room for the user to answer the consent question on the first call.
        return settings.timeout().plus(Duration.ofMinutes(2));
    }

    @Override
    public ToolResult run(String query) throws InterruptedException {
        String text = WebText.plain(query, 1000);
        if (text.isEmpty()) {
            return new ToolResult.NoResult();
        }
        try {
            if (!consent.allows(Tool.WEB_SEARCH, settings.endpoint())) {
                throw new ToolFailure("plugins.consent.refused", EndpointConsent.endpoint(settings.endpoint()));
            }
            List<Snippet> hits = SearchProvider.of(settings).search(text, settings.results()).stream()
                    .map(WebSearch::plain)
                    .filter(hit -> !hit.text().isEmpty())
                    .limit(settings.results())
                    .toList();
            return hits.isEmpty() ? new ToolResult.NoResult() : new ToolResult.Snippets(hits);
        } catch (ToolFailure failure) {
            return failure.toResult();
        }
    }

    /** A hit as plain text; a hit without a snippet is read by its title. */
    private static Snippet plain(Snippet hit) {
        String title = WebText.plain(hit.title(), MAX_TITLE_CHARS);
        String text = WebText.plain(hit.text(), MAX_SNIPPET_CHARS);
        return new Snippet(title, WebText.plain(hit.url(), 2000), text.isEmpty() ? title : text);
    }
}
