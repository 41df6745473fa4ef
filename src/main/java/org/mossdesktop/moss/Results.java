// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Optional;

/**
 * The tools' answer for one turn, as MOSS reads it.
 *
 * @param text the results text for {@link Turn#results()} and {@link PromptRenderer#secondPass}; empty for
 *     {@code None} (no tool ran)
 * @param citations the search hits by the number MOSS cites them with
 */
public record Results(Optional<String> text, Citations citations) {

    public Results {
        if (text == null || citations == null) {
            throw new IllegalArgumentException("text and citations must not be null");
        }
    }

    public static Results none() {
        return new Results(Optional.empty(), Citations.none());
    }
}
