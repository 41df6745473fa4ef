// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.conversations;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.engine.GenerationSettings;

/**
 * What the conversation list asks of the conversation store. Calls may block on the disk; the list makes
 * them on the UI's background thread ({@link org.mossdesktop.ui.FxThread#background}), never on the FX thread.
 */
public interface ConversationLibrary {

    /** Every conversation that is not deleted. */
    List<Conversation> list();

    Conversation create(String title);

    void rename(long id, String title);

    void setPinned(long id, boolean pinned);

    /** Gives a conversation its own generation settings, or (empty) makes it use the global ones. */
    void setSettings(long id, Optional<GenerationSettings> settings);

    /** Deletes a conversation so that {@link #restore} can still bring it back (undo). */
    void delete(long id);

    /** Brings back a conversation deleted by {@link #delete}, with its messages. */
    void restore(long id);

    /** The ids of the conversations whose title or message text contains {@code query}. */
    Set<Long> search(String query);
}
