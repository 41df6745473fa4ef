// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import org.mossdesktop.moss.Citations;

/** What happens to one reply while it is generated, in the order it happens. */
public sealed interface ReplyEvent {

    /** The user's message as saved (it now has its id). */
    record UserSaved(Message message) implements ReplyEvent {}

    /** MOSS's reply has started; it is saved as it grows under this message's id. */
    record Started(Message reply) implements ReplyEvent {}

    /** More text for one part of the reply. */
    record Delta(Part part, String text) implements ReplyEvent {}

    /** The sources MOSS's citations {@code <|n|>} refer to: this turn's web search hits. */
    record Sources(Citations citations) implements ReplyEvent {}

    /** How far generation has got: what the status bar shows while MOSS writes. */
    record Progress(int promptTokens, int generatedTokens, long timeToFirstTokenMillis, long elapsedMillis)
            implements ReplyEvent {}

    /** The reply as saved, with how it was generated. */
    record Finished(Message reply) implements ReplyEvent {}

    /** The reply could not be finished; {@code message} is in the user's language. Text so far is kept. */
    record Failed(String message) implements ReplyEvent {}

    /** The parts of a plugin model's reply, in the order MOSS writes them. */
    enum Part {
        INNER_THOUGHTS,
        COMMANDS,
        RESULTS,
        REPLY
    }
}
