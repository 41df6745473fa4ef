// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class FxThreadTest {

    @Test
    void a_burst_from_another_thread_arrives_in_order_on_the_fx_thread_at_most_once_per_pulse(FxRobot robot)
            throws Exception {
        int count = 20_000;
        List<Integer> received = new ArrayList<>();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger pulses = new AtomicInteger();
        AtomicInteger offThread = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1);
        AnimationTimer pulseCounter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
            }
        };
        FxThread.Batches<Integer> batches = FxThread.batches(batch -> {
            if (!Platform.isFxApplicationThread()) {
                offThread.incrementAndGet();
            }
            deliveries.incrementAndGet();
            received.addAll(batch);
            if (received.size() == count) {
                all.countDown();
            }
        });
        robot.interact(pulseCounter::start);

        Thread producer = Thread.ofPlatform()
                .start(() -> IntStream.range(0, count).forEach(i -> {
                    batches.push(i);
                    if (i % 100 == 0) {
                        Thread.onSpinWait();
                    }
                }));
        producer.join();
        assertTrue(all.await(30, TimeUnit.SECONDS), "not everything arrived");
        robot.interact(pulseCounter::stop);

        assertEquals(IntStream.range(0, count).boxed().toList(), received);
        assertEquals(0, offThread.get());
        // The pulse counter may start one pulse after the first delivery.
        assertTrue(
                deliveries.get() <= pulses.get() + 1, deliveries.get() + " deliveries in " + pulses.get() + " pulses");
    }

    @Test
    void a_channel_that_went_idle_delivers_the_next_value_too(FxRobot robot) throws Exception {
        List<String> received = new ArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        FxThread.Batches<String> batches = FxThread.batches(batch -> {
            received.addAll(batch);
            (received.size() == 1 ? first : second).countDown();
        });
        batches.push("a");
        assertTrue(first.await(10, TimeUnit.SECONDS));
        // Let the timer find the queue empty and stop.
        robot.interact(() -> {});
        robot.interact(() -> {});
        batches.push("b");
        assertTrue(second.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b"), received);
    }

    @Test
    void background_work_runs_off_the_fx_thread_in_order_and_its_results_come_back_on_it(FxRobot robot)
            throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        List<String> delivered = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        robot.interact(() -> {
            for (String name : List.of("save", "save again", "read")) {
                FxThread.background(
                        () -> {
                            ran.add(name + (Platform.isFxApplicationThread() ? " on fx" : ""));
                            return name;
                        },
                        result -> {
                            delivered.add(result + (Platform.isFxApplicationThread() ? "" : " off fx"));
                            all.countDown();
                        });
            }
        });
        assertTrue(all.await(10, TimeUnit.SECONDS));

        assertEquals(List.of("save", "save again", "read"), ran);
        assertEquals(List.of("save", "save again", "read"), delivered);
    }

    @Test
    void a_failure_in_background_work_reaches_its_handler_on_the_fx_thread(FxRobot robot) throws Exception {
        CompletableFuture<String> failure = new CompletableFuture<>();
        FxThread.background(
                () -> {
                    throw new IllegalStateException("disk full");
                },
                result -> failure.complete("no failure"),
                e -> failure.complete(e.getMessage() + (Platform.isFxApplicationThread() ? "" : " off fx")));

        assertEquals("disk full", failure.get(10, TimeUnit.SECONDS));
    }

    @Test
    void run_on_the_fx_thread_runs_at_once(FxRobot robot) {
        List<String> order = new ArrayList<>();
        robot.interact(() -> {
            FxThread.run(() -> order.add("inside"));
            order.add("after");
        });
        assertEquals(List.of("inside", "after"), order);
    }
}
