// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Settings kept in a map: what survives "restarting" a window in a test is this object. */
public final class InMemorySettings implements SettingsStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }

    @Override
    public Map<String, String> all() {
        return Map.copyOf(values);
    }
}
