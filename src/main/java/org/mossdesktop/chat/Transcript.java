// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.util.List;
import java.util.Map;

/**
 * A whole conversation: its messages and the bytes of their attachments. Export writes it, import reads
 * it back, and {@link ConversationRepository#importTranscript} stores it as a new conversation.
 *
 * @param attachmentContent the bytes of every attachment of {@code messages}, keyed by {@link Attachment#id()}
 */
public record Transcript(Conversation conversation, List<Message> messages, Map<Long, byte[]> attachmentContent) {

    public Transcript {
        messages = List.copyOf(messages);
        attachmentContent = Map.copyOf(attachmentContent);
        for (Message message : messages) {
            for (Attachment attachment : message.attachments()) {
                if (!attachmentContent.containsKey(attachment.id())) {
                    throw new IllegalArgumentException("no content for attachment " + attachment.id());
                }
            }
        }
    }

    public byte[] content(Attachment attachment) {
        return attachmentContent.get(attachment.id());
    }
}
