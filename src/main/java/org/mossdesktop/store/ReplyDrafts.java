// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.mossdesktop.chat.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streaming replies between saves. The generation thread offers each new state and moves on; one writer
 * thread saves the latest state of each reply at most once per interval, and the final state when the
 * reply ends. Because every reply write runs on that one thread, in order, a late draft can never
 * overwrite a finished reply.
 */
final class ReplyDrafts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyDrafts.class);

    private final ScheduledThreadPoolExecutor writer;
    private final long intervalNanos;
    private final Consumer<Message> save;

    // Guarded by this.
    private final Map<Long, Message> pending = new LinkedHashMap<>();
    private boolean flushScheduled;

    ReplyDrafts(Duration interval, Consumer<Message> save) {
        this.intervalNanos = interval.toNanos();
        this.save = save;
        this.writer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "moss-store-replies");
            thread.setDaemon(true);
            return thread;
        });
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void offer(Message draft) {
        synchronized (this) {
            pending.put(draft.id(), draft);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        writer.schedule(this::flush, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** The latest state of a reply not yet saved, so reads show what the user sees. */
    synchronized Optional<Message> pending(long messageId) {
        return Optional.ofNullable(pending.get(messageId));
    }

    /** Forgets drafts of messages that no longer exist. */
    synchronized void discardIf(Predicate<Message> gone) {
        pending.values().removeIf(gone);
    }

    /** Saves the final state on the writer thread, after any draft already being written, and waits. */
    Message finish(Message reply, UnaryOperator<Message> finalWrite) {
        synchronized (this) {
            pending.remove(reply.id());
        }
        return await(writer.submit(() -> finalWrite.apply(reply)));
    }

    private void flush() {
        List<Message> batch;
        synchronized (this) {
            batch = List.copyOf(pending.values());
            pending.clear();
            flushScheduled = false;
        }
        for (Message draft : batch) {
            try {
                save.accept(draft);
            } catch (RuntimeException e) {
                // Keep it for the next save or the finish, unless a newer state arrived meanwhile.
                LOG.warn("Could not save the streaming reply {}; will retry", draft.id(), e);
                synchronized (this) {
                    pending.putIfAbsent(draft.id(), draft);
                }
            }
        }
    }

    /** Saves what is pending and stops the writer thread. */
    @Override
    public void close() {
        try {
            await(writer.submit(this::flush));
        } finally {
            writer.shutdown();
            try {
                writer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving a reply", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
