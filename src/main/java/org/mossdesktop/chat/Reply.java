// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mossdesktop.engine.Generation;

/** A reply being generated: it can be stopped, and it completes with the message as saved. */
public final class Reply {

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CompletableFuture<Message> done = new CompletableFuture<>();
    private volatile Generation generation;
    private Thread tools; // guarded by this

    /**
     * Stops generating, or the tools MOSS called; what was generated so far is kept and the reply
     * finishes as cancelled.
     */
    public void stop() {
        stopped.set(true);
        Generation running = generation;
        if (running != null) {
            running.cancel();
        }
        synchronized (this) {
            if (tools != null) {
                tools.interrupt();
            }
        }
    }

    public boolean isStopped() {
        return stopped.get();
    }

    /** The reply as finally saved; completes exceptionally only when nothing could be saved. */
    public CompletableFuture<Message> done() {
        return done;
    }

    void generating(Generation value) {
        generation = value;
        if (stopped.get()) {
            value.cancel();
        }
    }

    /** {@code value} runs MOSS's commands until this is called again with null. */
    synchronized void callingTools(Thread value) {
        tools = value;
        if (value == null) {
            Thread.interrupted(); // a stop that came as the tools finished must not hit later work
        }
    }

    void complete(Message saved) {
        done.complete(saved);
    }

    void fail(Throwable error) {
        done.completeExceptionally(error);
    }
}
