// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import java.time.Clock;
import java.time.Duration;

/**
 * How the store opens and saves.
 *
 * @param replySaveInterval how often a streaming reply is saved while it grows; a crash loses at most this
 *     much of it
 * @param durability what a commit survives
 * @param integrityCheck when opening runs SQLite's full integrity check
 * @param clock the time stamps of conversations (tests fix it)
 */
public record StoreOptions(
        Duration replySaveInterval, Durability durability, IntegrityCheck integrityCheck, Clock clock) {

    /**
     * {@code FULL} is the default: SQLite syncs the write-ahead log at every commit, so a saved message also
     * survives power loss and OS crashes, not only the app being killed. A save costs one fsync (see
     * docs/PERFORMANCE.md); saves are few (a message, a reply twice a second) and never on the FX thread.
     * {@code NORMAL} syncs only at checkpoints: as safe against the app crashing, but a power cut may undo
     * the last commits. It is here for the benchmark's comparison.
     */
    public enum Durability {
        FULL,
        NORMAL
    }

    /**
     * The full check reads the whole file (about a second for 50,000 messages on a slow disk), so by default
     * it runs only when the last session did not close the store: after a crash, a kill or a power cut.
     * Every open checks the header, the version and the schema.
     */
    public enum IntegrityCheck {
        ALWAYS,
        AFTER_UNCLEAN_SHUTDOWN
    }

    public static final StoreOptions DEFAULTS = new StoreOptions(
            Duration.ofMillis(500), Durability.FULL, IntegrityCheck.AFTER_UNCLEAN_SHUTDOWN, Clock.systemUTC());

    public StoreOptions {
        if (replySaveInterval == null || replySaveInterval.isNegative()) {
            throw new IllegalArgumentException("replySaveInterval must be >= 0");
        }
        if (durability == null || integrityCheck == null || clock == null) {
            throw new IllegalArgumentException("durability, integrityCheck and clock must not be null");
        }
    }

    public StoreOptions withDurability(Durability value) {
        return new StoreOptions(replySaveInterval, value, integrityCheck, clock);
    }

    public StoreOptions withIntegrityCheck(IntegrityCheck value) {
        return new StoreOptions(replySaveInterval, durability, value, clock);
    }

    public StoreOptions withReplySaveInterval(Duration value) {
        return new StoreOptions(value, durability, integrityCheck, clock);
    }

    public StoreOptions withClock(Clock value) {
        return new StoreOptions(replySaveInterval, durability, integrityCheck, value);
    }
}
