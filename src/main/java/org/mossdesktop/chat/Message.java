// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mossdesktop.moss.Citations;

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
 * @param citations the web search hits MOSS's {@code <|n|>} in this reply refer to; none for user messages and
 *     replies without a search
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
        List<Attachment> attachments,
        Citations citations) {

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
        if (citations == null) {
            throw new IllegalArgumentException("citations must not be null (use Citations.none())");
        }
    }

    /** A message without sources. */
    public Message(
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
        this(
                id,
                conversationId,
                role,
                text,
                innerThoughts,
                commands,
                results,
                reply,
                createdAt,
                attachments,
                Citations.none());
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
                id,
                conversationId,
                role,
                value,
                innerThoughts,
                commands,
                results,
                reply,
                createdAt,
                attachments,
                citations);
    }

    /** The plugin model's inner thoughts, commands and tool results for this reply. */
    public Message withPluginSteps(String thoughts, String commandsLine, String toolResults) {
        return new Message(
                id,
                conversationId,
                role,
                text,
                thoughts,
                commandsLine,
                toolResults,
                reply,
                createdAt,
                attachments,
                citations);
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
                attachments,
                citations);
    }

    public Message withAttachments(List<Attachment> value) {
        return new Message(
                id, conversationId, role, text, innerThoughts, commands, results, reply, createdAt, value, citations);
    }

    /** The sources of this reply's citations: its turn's web search hits. */
    public Message withCitations(Citations value) {
        return new Message(
                id, conversationId, role, text, innerThoughts, commands, results, reply, createdAt, attachments, value);
    }
}
