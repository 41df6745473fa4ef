// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * The one way background work reaches the UI: services call back on their own threads, this moves the
 * results onto the JavaFX thread. Bursts are coalesced: a {@link Batches} hands everything that arrived
 * since the last pulse to its consumer in one call, at most once per pulse, whatever the rate it is fed at.
 */
public final class FxThread {

    private FxThread() {}

    /** Runs {@code action} on the FX thread: now when called there, else as soon as the thread is free. */
    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /** A channel from any thread to {@code onFx}, delivering at most one batch per pulse. */
    public static <T> Batches<T> batches(Consumer<List<T>> onFx) {
        return new Batches<>(onFx);
    }

    /**
     * Values pushed from any thread, delivered on the FX thread in arrival order as one list per pulse.
     * An {@link AnimationTimer} runs only while values are pending, so an idle channel costs nothing.
     */
    public static final class Batches<T> {

        private final Consumer<List<T>> onFx;
        private final Queue<T> pending = new ConcurrentLinkedQueue<>();
        // True from the first push of a burst until the timer has drained the queue and stopped.
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
            }
        };

        private Batches(Consumer<List<T>> onFx) {
            this.onFx = onFx;
        }

        /** Queues {@code value}; safe from any thread, never blocks. */
        public void push(T value) {
            pending.add(value);
            if (scheduled.compareAndSet(false, true)) {
                run(timer::start);
            }
        }

        /** Delivers what is pending now, without waiting for the next pulse. FX thread only. */
        public void flush() {
            List<T> batch = take();
            if (!batch.isEmpty()) {
                onFx.accept(batch);
            }
        }

        private void drain() {
            List<T> batch = take();
            if (!batch.isEmpty()) {
                onFx.accept(batch);
                return;
            }
            timer.stop();
            scheduled.set(false);
            // A push between take() and set(false) saw the flag still up and did not schedule: do it here.
            if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
                timer.start();
            }
        }

        private List<T> take() {
            List<T> batch = new ArrayList<>();
            for (T value; (value = pending.poll()) != null; ) {
                batch.add(value);
            }
            return batch;
        }
    }
}
