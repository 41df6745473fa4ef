// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.concurrent.CompletableFuture;

/** A reply being generated: stop it, or wait for its result. */
public final class Generation {

    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    Generation() {}

    /** Asks the generator to stop; it does before the next token. The result's reason is then CANCELLED. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Completes with the result, never exceptionally: a failure is a result with reason ERROR. */
    public CompletableFuture<GenerationResult> result() {
        return result;
    }

    /** Waits for the result. */
    public GenerationResult await() {
        return result.join();
    }

    void complete(GenerationResult value) {
        result.complete(value);
    }
}
