// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.util.List;
import java.util.Optional;
import org.mossdesktop.engine.GenerationSettings;

/**
 * Where conversations are kept: the port the chat service and the UI save through. The SQLite store
 * implements it. Every method is safe to call from any thread (the generation thread and the UI save at
 * the same time), and every method but {@link #updateReply} may block on disk: call them off the FX thread.
 *
 * <p>Deleted and unknown conversations are reported as {@code UserFacingException} with key
 * {@code store.noSuchConversation} where an id must exist.
 */
public interface ConversationRepository {

    /** Saves a new, empty conversation. */
    Conversation create(String title, Optional<GenerationSettings> settings);

    /** The conversation, unless it does not exist or is deleted. */
    Optional<Conversation> find(long conversationId);

    /** All conversations that are not deleted: pinned first, then the most recently updated first. */
    List<Conversation> list();

    void rename(long conversationId, String title);

    void setPinned(long conversationId, boolean pinned);

    void setSettings(long conversationId, Optional<GenerationSettings> settings);

    /**
     * Deletes a conversation so that {@link #undoDelete} can bring it back whole, messages and attachments
     * included, until the repository is closed; after that the deletion is final.
     */
    void delete(long conversationId);

    /** Brings back a conversation deleted in this session. */
    void undoDelete(long conversationId);

    /** The conversation's messages in order, replies still streaming included as far as they have grown. */
    List<Message> messages(long conversationId);

    /**
     * Saves a new message at the end of its conversation and makes the conversation the most recently
     * updated. For MOSS's reply, append {@link Message#mossReply} when generation starts, then
     * {@link #updateReply} as it grows and {@link #finishReply} when it ends.
     *
     * @return the message as saved, with its id
     */
    Message append(Message message);

    /**
     * Records how far a streaming reply has grown. Returns at once: the repository saves the latest state in
     * the background at most every half second or so, so a crash loses at most that much of the reply.
     */
    void updateReply(Message reply);

    /** Saves the finished (or stopped) reply now, durably, and returns it as saved. */
    Message finishReply(Message reply);

    /**
     * Edit and resend: removes {@code messageId} and every later message of its conversation, then appends
     * {@code replacement}, in one step.
     *
     * @return the replacement as saved
     */
    Message replaceFrom(long messageId, Message replacement);

    /** Regenerate: removes {@code messageId} and every later message of its conversation. */
    void deleteFrom(long messageId);

    /** Saves a file, e.g. a generated image, as part of a message. */
    Attachment attach(long messageId, String name, String mediaType, byte[] content);

    byte[] attachmentContent(long attachmentId);

    /**
     * Conversations whose title or messages contain every whitespace-separated term of {@code query}
     * (case-insensitive for Latin letters; Chinese substrings of any length), ordered as {@link #list()},
     * one hit per conversation.
     */
    List<SearchHit> search(String query, int limit);

    /** The whole conversation, attachments' bytes included, e.g. to export it. */
    Transcript transcript(long conversationId);

    /**
     * Saves a transcript, e.g. one read from an export, as a new conversation with the same title,
     * times, settings, messages and attachments; ids are new.
     */
    Conversation importTranscript(Transcript transcript);
}
