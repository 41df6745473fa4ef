// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;

/**
 * The process {@link CrashTest} kills: it saves a finished exchange, then streams a reply into the store
 * forever, printing {@code SAVED <length>} each time a draft is committed.
 */
public final class StreamingWriter {

    static final String QUESTION = "给我讲一个很长的故事。Tell me a long story.";
    static final String FIRST_ANSWER = "好的。Here is the first part, saved before the crash.";

    private StreamingWriter() {}

    /** The reply as it streams: its first {@code length} characters are always the same. */
    static String reply(int length) {
        StringBuilder text = new StringBuilder();
        for (int sentence = 0; text.length() < length; sentence++) {
            text.append("第")
                    .append(sentence)
                    .append("句：从前有座山。Sentence ")
                    .append(sentence)
                    .append(". ");
        }
        return text.substring(0, length);
    }

    public static void main(String[] args) throws InterruptedException {
        StoreOptions options = StoreOptions.DEFAULTS.withReplySaveInterval(Duration.ofMillis(20));
        ConversationStore store = ConversationStore.open(Path.of(args[0]), options);
        store.onReplySaved(draft -> {
            System.out.println("SAVED " + draft.text().length());
            System.out.flush();
        });
        Conversation conversation = store.create("before the crash", Optional.empty());
        store.append(Message.user(conversation.id(), QUESTION, Instant.now()));
        Message first = store.append(Message.mossReply(conversation.id(), Instant.now()));
        store.finishReply(first.withText(FIRST_ANSWER)
                .withReply(new ReplyInfo(
                        "moss-moon-003-sft", GenerationSettings.MOSS_DEFAULTS, FinishReason.EOM, 30, 12, 80, 400)));
        store.append(Message.user(conversation.id(), "继续。Go on.", Instant.now()));
        Message streaming = store.append(Message.mossReply(conversation.id(), Instant.now()));
        System.out.println("STREAMING " + streaming.id());
        System.out.flush();
        // Never closes the store: the test kills this process with SIGKILL.
        for (int length = 1; ; length++) {
            store.updateReply(streaming.withText(reply(length)));
            Thread.sleep(1);
        }
    }
}
