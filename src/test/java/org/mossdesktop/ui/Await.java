// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waits for background replies to reach the UI; the limit only keeps a broken test from hanging. */
public final class Await {

    private Await() {}

    public static void until(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("condition not met", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Waits until the window's background work asked so far ({@link FxThread#background}) is done and its results
     * are on screen, including work that those results asked for in turn.
     */
    public static void background() {
        for (int round = 0; round < 3; round++) {
            CountDownLatch done = new CountDownLatch(1);
            FxThread.background(() -> null, nothing -> done.countDown());
            try {
                if (!done.await(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("the background work did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
