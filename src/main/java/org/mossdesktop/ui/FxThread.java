// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way background work reaches the UI: services call back on their own threads, this moves the
 * results onto the JavaFX thread. Bursts are coalesced: a {@link Batches} hands everything that arrived
 * since the last pulse to its consumer in one call, at most once per pulse, whatever the rate it is fed at.
 * And the other way: {@link #background} takes the UI's own blocking calls (the store, files) off the FX
 * thread, so a slow disk never makes the window stutter.
 */
public final class FxThread {

    private static final Logger LOG = LoggerFactory.getLogger(FxThread.class);

    // One thread, so the UI's saves reach the disk in the order the user made them, and a read asked after
    // a save sees it.
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("moss-ui-background").unstarted(r));

    private FxThread() {}

    /**
     * Runs {@code work} on the UI's background thread, after every task asked before it, then hands its result
     * to {@code onFx} on the FX thread; if it throws, {@code onFailure} gets the exception there instead.
     */
    public static <T> void background(Callable<T> work, Consumer<? super T> onFx, Consumer<Exception> onFailure) {
        BACKGROUND.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                run(() -> onFailure.accept(e));
                return;
            }
            run(() -> onFx.accept(result));
        });
    }

    /** {@link #background(Callable, Consumer, Consumer)} whose failures are only logged. */
    public static <T> void background(Callable<T> work, Consumer<? super T> onFx) {
        background(work, onFx, e -> LOG.warn("Background work for the window failed", e));
    }

    /** A save to run on the UI's background thread, in order; its failure is logged. */
    public static void background(Runnable work) {
        background(
                () -> {
                    work.run();
                    return null;
                },
                done -> {});
    }

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
