// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.conversations;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.engine.GenerationSettings;

/**
 * A real, small conversation store for UI tests; search looks at titles and at the messages it is given.
 * {@link #hold()} makes every call wait until {@link #release()}, as a slow disk would.
 */
public final class InMemoryLibrary implements ConversationLibrary {

    private volatile CountDownLatch gate;

    private final Map<Long, Conversation> conversations = new ConcurrentHashMap<>();
    private final Set<Long> deleted = new HashSet<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final Clock clock;
    private final LongFunction<List<Message>> messages;

    public InMemoryLibrary(Clock clock, LongFunction<List<Message>> messages) {
        this.clock = clock;
        this.messages = messages;
    }

    /** Makes every call of the library wait, from now until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    private void pass() {
        CountDownLatch held = gate;
        if (held != null) {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Adds a conversation last changed at {@code updated}. */
    public Conversation add(String title, Instant updated, boolean pinned) {
        Conversation c = new Conversation(ids.incrementAndGet(), title, updated, updated, pinned, Optional.empty());
        conversations.put(c.id(), c);
        return c;
    }

    @Override
    public synchronized List<Conversation> list() {
        pass();
        return conversations.values().stream()
                .filter(c -> !deleted.contains(c.id()))
                .toList();
    }

    @Override
    public Conversation create(String title) {
        pass();
        return add(title, clock.instant(), false);
    }

    @Override
    public void rename(long id, String title) {
        pass();
        conversations.computeIfPresent(
                id, (k, c) -> new Conversation(id, title, c.createdAt(), c.updatedAt(), c.pinned(), c.settings()));
    }

    @Override
    public void setPinned(long id, boolean pinned) {
        pass();
        conversations.computeIfPresent(
                id, (k, c) -> new Conversation(id, c.title(), c.createdAt(), c.updatedAt(), pinned, c.settings()));
    }

    @Override
    public void setSettings(long id, Optional<GenerationSettings> settings) {
        pass();
        conversations.computeIfPresent(
                id, (k, c) -> new Conversation(id, c.title(), c.createdAt(), c.updatedAt(), c.pinned(), settings));
    }

    @Override
    public synchronized void delete(long id) {
        pass();
        deleted.add(id);
    }

    @Override
    public synchronized void restore(long id) {
        pass();
        deleted.remove(id);
    }

    @Override
    public Set<Long> search(String query) {
        pass();
        String q = query.toLowerCase(Locale.ROOT);
        return list().stream()
                .filter(c -> c.title().toLowerCase(Locale.ROOT).contains(q)
                        || messages.apply(c.id()).stream()
                                .anyMatch(m -> m.text().toLowerCase(Locale.ROOT).contains(q)))
                .map(Conversation::id)
                .collect(Collectors.toSet());
    }
}
