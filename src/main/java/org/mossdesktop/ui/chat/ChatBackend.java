// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.List;
import java.util.function.Consumer;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyEvent;

/**
 * What the chat view asks of the conversation service: the messages of a conversation, and replies that
 * stream back through a plain callback. The reply calls return at once; {@code events} is called from any thread
 * (the view model moves them onto the FX thread) and ends with {@link ReplyEvent.Finished} or
 * {@link ReplyEvent.Failed}.
 */
public interface ChatBackend {

    /**
     * The saved messages of a conversation, oldest first. Reads the store: the view model calls it on the UI's
     * background thread ({@link org.mossdesktop.ui.FxThread#background}), never on the FX thread.
     */
    List<Message> messages(long conversationId);

    /** Saves the user's message and generates MOSS's reply to it. */
    Reply send(long conversationId, String text, Consumer<ReplyEvent> events);

    /** Replaces MOSS's last reply with a new one to the same user message. */
    Reply regenerate(long conversationId, Consumer<ReplyEvent> events);

    /**
     * Replaces the user message {@code messageId} by {@code text}, drops every later message, and
     * generates a reply to the new text.
     */
    Reply editAndResend(long conversationId, long messageId, String text, Consumer<ReplyEvent> events);

    /** A reply being generated. */
    interface Reply {
        /** Stops generating; what was generated so far is kept and the reply finishes as cancelled. */
        void stop();
    }
}
