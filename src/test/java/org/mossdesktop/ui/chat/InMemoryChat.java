// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyEvent;
import org.mossdesktop.chat.ReplyEvent.Part;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;

/**
 * A real, small conversation service for UI tests: messages kept in memory, replies written word by word
 * on a background thread, as the engine would stream them. {@link #hold()} pauses every reply after its
 * first word until {@link #release()}, so a test can look at (or stop) a reply mid-stream.
 */
public final class InMemoryChat implements ChatBackend {

    private final Map<Long, List<Message>> messages = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Function<String, String> replies = text -> "You said: " + text;
    private volatile Semaphore gate;
    private volatile CountDownLatch readGate;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile List<ToolResult.Snippet> sources = List.of();
    private volatile String innerThoughts = "";

    /** MOSS's answer to a user's text. */
    public void replyWith(Function<String, String> answer) {
        this.replies = answer;
    }

    /** Makes the next replies carry plugin sections and search sources. */
    public void withPlugins(String thoughts, List<ToolResult.Snippet> hits) {
        this.innerThoughts = thoughts;
        this.sources = List.copyOf(hits);
    }

    public void hold() {
        gate = new Semaphore(0);
    }

    public void release() {
        Semaphore g = gate;
        gate = null;
        if (g != null) {
            g.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Which service calls the UI made, e.g. "send 1 Hello". */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<Message> stored(long conversationId) {
        return List.copyOf(messages.getOrDefault(conversationId, List.of()));
    }

    /** Adds a saved message without generating, for conversations that already exist. */
    public Message add(long conversationId, Role role, String text) {
        return add(conversationId, role, text, Citations.none());
    }

    /** Adds a saved reply whose citations {@code <|n|>} refer to {@code sources}. */
    public Message add(long conversationId, Role role, String text, Citations sources) {
        Message message = new Message(
                ids.incrementAndGet(),
                conversationId,
                role,
                text,
                "",
                "",
                "",
                role == Role.MOSS ? Optional.of(info(FinishReason.EOM, 10)) : Optional.empty(),
                Instant.now(),
                List.of(),
                sources);
        list(conversationId).add(message);
        return message;
    }

    /** Makes reading a conversation's messages wait until {@link #releaseReads()}, as a slow disk would. */
    public void holdReads() {
        readGate = new CountDownLatch(1);
    }

    public void releaseReads() {
        CountDownLatch held = readGate;
        readGate = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public List<Message> messages(long conversationId) {
        CountDownLatch held = readGate;
        if (held != null) {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stored(conversationId);
    }

    @Override
    public Reply send(long conversationId, String text, Consumer<ReplyEvent> events) {
        calls.add("send " + conversationId + " " + text);
        Message user = save(Message.user(conversationId, text, Instant.now()));
        return generate(conversationId, user, events);
    }

    @Override
    public Reply regenerate(long conversationId, Consumer<ReplyEvent> events) {
        calls.add("regenerate " + conversationId);
        List<Message> list = list(conversationId);
        if (!list.isEmpty() && list.getLast().role() == Role.MOSS) {
            list.removeLast();
        }
        return generate(conversationId, list.getLast(), events);
    }

    @Override
    public Reply editAndResend(long conversationId, long messageId, String text, Consumer<ReplyEvent> events) {
        calls.add("edit " + conversationId + " " + messageId + " " + text);
        List<Message> list = list(conversationId);
        int at = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == messageId) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("no message " + messageId);
        }
        list.subList(at, list.size()).clear();
        Message user = save(Message.user(conversationId, text, Instant.now()));
        return generate(conversationId, user, events);
    }

    private static Citations numbered(List<ToolResult.Snippet> hits) {
        TreeMap<Integer, ToolResult.Snippet> numbered = new TreeMap<>();
        for (int i = 0; i < hits.size(); i++) {
            numbered.put(i + 1, hits.get(i));
        }
        return new Citations(numbered);
    }

    private Message save(Message message) {
        Message saved = new Message(
                ids.incrementAndGet(),
                message.conversationId(),
                message.role(),
                message.text(),
                message.innerThoughts(),
                message.commands(),
                message.results(),
                message.reply(),
                message.createdAt(),
                message.attachments(),
                message.citations());
        list(message.conversationId()).add(saved);
        return saved;
    }

    private List<Message> list(long conversationId) {
        return messages.computeIfAbsent(conversationId, id -> new CopyOnWriteArrayList<>());
    }

    private Reply generate(long conversationId, Message user, Consumer<ReplyEvent> events) {
        AtomicBoolean stopped = new AtomicBoolean();
        String answer = replies.apply(user.text());
        String thoughts = innerThoughts;
        List<ToolResult.Snippet> hits = sources;
        Semaphore held = gate;
        Thread.ofVirtual().start(() -> {
            events.accept(new ReplyEvent.UserSaved(user));
            if (!thoughts.isEmpty()) {
                events.accept(new ReplyEvent.Delta(Part.INNER_THOUGHTS, thoughts));
                events.accept(new ReplyEvent.Delta(Part.COMMANDS, "Search(\"MOSS\")"));
                events.accept(new ReplyEvent.Delta(Part.RESULTS, "<|1|>: 'MOSS is a model.'"));
                events.accept(new ReplyEvent.Sources(numbered(hits)));
            }
            StringBuilder text = new StringBuilder();
            List<String> words = words(answer);
            int generated = 0;
            for (String word : words) {
                if (stopped.get()) {
                    break;
                }
                text.append(word);
                generated++;
                events.accept(new ReplyEvent.Delta(Part.REPLY, word));
                events.accept(new ReplyEvent.Progress(20, generated, 5, generated * 10L));
                if (generated == 1 && held != null) {
                    held.acquireUninterruptibly();
                }
            }
            FinishReason reason = stopped.get() ? FinishReason.CANCELLED : FinishReason.EOM;
            Message reply = save(new Message(
                    0,
                    conversationId,
                    Role.MOSS,
                    text.toString(),
                    thoughts,
                    thoughts.isEmpty() ? "" : "Search(\"MOSS\")",
                    thoughts.isEmpty() ? "" : "<|1|>: 'MOSS is a model.'",
                    Optional.of(info(reason, generated)),
                    Instant.now(),
                    List.of(),
                    // Saved with the reply, as the conversation service does.
                    thoughts.isEmpty() ? Citations.none() : numbered(hits)));
            events.accept(new ReplyEvent.Finished(reply));
        });
        return () -> {
            stopped.set(true);
            Semaphore g = held;
            if (g != null) {
                g.release(Integer.MAX_VALUE / 2);
            }
        };
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    private static ReplyInfo info(FinishReason reason, int generated) {
        return new ReplyInfo("moss-demo", GenerationSettings.MOSS_DEFAULTS, reason, 20, generated, 5, generated * 10L);
    }
}
