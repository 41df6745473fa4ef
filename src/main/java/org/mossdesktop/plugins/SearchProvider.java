// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.util.List;
import org.mossdesktop.moss.ToolResult.Snippet;

/** A web search service: a query in, the best hits first out (raw: {@link WebSearch} cleans them). */
sealed interface SearchProvider permits SearxngSearch, BraveSearch {

    List<Snippet> search(String query, int count) throws ToolFailure, InterruptedException;

    static SearchProvider of(SearchSettings settings) {
        return switch (settings.provider()) {
            case SEARXNG -> new SearxngSearch(settings);
            case BRAVE -> new BraveSearch(settings);
        };
    }
}
