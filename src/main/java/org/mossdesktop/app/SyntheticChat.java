// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyEvent;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.ui.chat.ChatBackend;

/** A chat whose replies are a fixed Markdown text, pushed token by token at a steady rate. */
final class SyntheticChat implements ChatBackend {
    // A reply mixing what MOSS writes: prose, Chinese, a list, a table and code.
    private static final String TEXT = """
            MOSS can explain this step by step. 首先，我们需要理解问题的背景，然后逐步分析。

            1. **Read** the input carefully and note the `constraints`.
            2. Split the problem into smaller parts; 每一部分都可以单独解决。
            3. Check the answer against the examples.

            | step | cost | note |
            |---|---|---|
            | parse | O(n) | one pass |
            | solve | O(n log n) | sort first |

            ```python
            def solve(items):
                # 先排序，再合并
                return sorted(set(items))
            ```

            """;

    private final int rate;
    private final int total;
    private final List<String> pieces = new ArrayList<>();
    private volatile Runnable onAllDone = () -> {};
    private volatile int delivered;
    private final AtomicLong ids = new AtomicLong();

    SyntheticChat(int rate, int total) {
        this.rate = rate;
        this.total = total;
        // About four characters a token, as BPE gives for English.
        for (int i = 0; i < TEXT.length(); i += 4) {
            pieces.add(TEXT.substring(i, Math.min(TEXT.length(), i + 4)));
        }
    }

    void onAllDone(Runnable action) {
        onAllDone = action;
    }

    int delivered() {
        return delivered;
    }

    @Override
    public List<Message> messages(long conversationId) {
        return List.of();
    }

    @Override
    public Reply send(long conversationId, String text, Consumer<ReplyEvent> events) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread.ofPlatform().name("synthetic-generator").start(() -> {
            events.accept(new ReplyEvent.UserSaved(new Message(
                    ids.incrementAndGet(),
                    conversationId,
                    Role.USER,
                    text,
                    "",
                    "",
                    "",
                    Optional.empty(),
                    Instant.now())));
            long start = System.nanoTime();
            int sent = 0;
            StringBuilder reply = new StringBuilder();
            while (sent < total && !stop.get()) {
                long due = start + (long) (sent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String piece = pieces.get(sent % pieces.size());
                reply.append(piece);
                events.accept(new ReplyEvent.Delta(ReplyEvent.Part.REPLY, piece));
                sent++;
                events.accept(new ReplyEvent.Progress(10, sent, 5, (System.nanoTime() - start) / 1_000_000));
                delivered = sent;
            }
            events.accept(
                    new ReplyEvent.Finished(saved(ids.incrementAndGet(), conversationId, reply.toString(), sent)));
            onAllDone.run();
        });
        return () -> stop.set(true);
    }

    private static Message saved(long id, long conversationId, String text, int generated) {
        return new Message(
                id,
                conversationId,
                Role.MOSS,
                text,
                "",
                "",
                "",
                Optional.of(new ReplyInfo(
                        "synthetic",
                        GenerationSettings.MOSS_DEFAULTS,
                        FinishReason.EOM,
                        10,
                        generated,
                        5,
                        Math.max(1, generated * 1000L / 2000))),
                Instant.now());
    }

    @Override
    public Reply regenerate(long conversationId, Consumer<ReplyEvent> events) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Reply editAndResend(long conversationId, long messageId, String text, Consumer<ReplyEvent> events) {
        throw new UnsupportedOperationException();
    }
}
