// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

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
}
