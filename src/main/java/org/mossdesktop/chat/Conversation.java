// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.time.Instant;
import java.util.Optional;
import org.mossdesktop.engine.GenerationSettings;

/**
 * A conversation thread.
 *
 * @param id the store's id; 0 before it is saved
 * @param title what the conversation list shows
 * @param settings generation settings for this conversation, or empty to use the model's defaults
 */
public record Conversation(
        long id,
        String title,
        Instant createdAt,
        Instant updatedAt,
        boolean pinned,
        Optional<GenerationSettings> settings) {

    public Conversation {
        if (title == null) {
            throw new IllegalArgumentException("title must not be null");
        }
        if (settings == null) {
            throw new IllegalArgumentException("settings must be present or empty, not null");
        }
    }
}
