// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mossdesktop.ui.FxThread;

/**
 * The settings as the window uses them: a copy in memory, read from the store once at start (off the FX
 * thread), so reading a setting never touches the disk; a change is in the copy at once and saved to the
 * store on the UI's background thread ({@link FxThread#background}), in the order it was made.
 */
public final class CachedSettings implements SettingsStore {

    private final SettingsStore store;
    private final Map<String, String> values;

    private CachedSettings(SettingsStore store, Map<String, String> values) {
        this.store = store;
        this.values = new ConcurrentHashMap<>(values);
    }

    /** Reads every setting of {@code store}. Blocks on the disk: call it off the FX thread. */
    public static CachedSettings read(SettingsStore store) {
        return new CachedSettings(store, store.all());
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
        FxThread.background(() -> store.put(key, value));
    }

    @Override
    public void remove(String key) {
        values.remove(key);
        FxThread.background(() -> store.remove(key));
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(values);
    }
}
