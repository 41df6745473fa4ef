// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a conversation: the user's, or MOSS's reply with what the plugin model thought and did.
 *
 * @param id the store's id; 0 before it is saved
 * @param text what the user wrote, or MOSS's reply as shown (no role tags or end tokens)
 * @param innerThoughts the plugin model's inner thoughts for this reply, "" when none
 * @param commands the plugin model's commands line, e.g. {@code Calculate("2+2")}, "" when none
 * @param results the tool results given to the model, "" when none
 * @param reply how MOSS's reply was generated; empty for user messages and unfinished replies
 * @param attachments files that belong to the message, e.g. generated images, in the order they were added
 */
public record Message(
        long id,
        long conversationId,
        Role role,
        String text,
        String innerThoughts,
        String commands,
        String results,
        Optional<ReplyInfo> reply,
        Instant createdAt,
        List<Attachment> attachments) {

    public Message {
        if (role == null || text == null || innerThoughts == null || commands == null || results == null) {
            throw new IllegalArgumentException("role and texts must not be null (use \"\")");
        }
        if (reply == null) {
            throw new IllegalArgumentException("reply must be present or empty, not null");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("createdAt must not be null");
        }
        attachments = List.copyOf(attachments);
    }

    /** A message without attachments. */
    public Message(
            long id,
            long conversationId,
            Role role,
            String text,
            String innerThoughts,
            String commands,
            String results,
            Optional<ReplyInfo> reply,
            Instant createdAt) {
        this(id, conversationId, role, text, innerThoughts, commands, results, reply, createdAt, List.of());
    }

    public static Message user(long conversationId, String text, Instant at) {
        return new Message(0, conversationId, Role.USER, text, "", "", "", Optional.empty(), at);
    }

    /** The start of MOSS's reply: empty until the first tokens arrive. */
    public static Message mossReply(long conversationId, Instant at) {
        return new Message(0, conversationId, Role.MOSS, "", "", "", "", Optional.empty(), at);
    }

    public Message withText(String value) {
        return new Message(
                id, conversationId, role, value, innerThoughts, commands, results, reply, createdAt, attachments);
    }

    /** The plugin model's inner thoughts, commands and tool results for this reply. */
    public Message withPluginSteps(String thoughts, String commandsLine, String toolResults) {
        return new Message(
                id, conversationId, role, text, thoughts, commandsLine, toolResults, reply, createdAt, attachments);
    }

    public Message withReply(ReplyInfo value) {
        return new Message(
                id,
                conversationId,
                role,
                text,
                innerThoughts,
                commands,
                results,
                Optional.of(value),
                createdAt,
                attachments);
    }

    public Message withAttachments(List<Attachment> value) {
        return new Message(id, conversationId, role, text, innerThoughts, commands, results, reply, createdAt, value);
    }
}
