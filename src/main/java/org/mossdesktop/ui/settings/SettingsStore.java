// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.util.Map;
import java.util.Optional;

/**
 * Where the UI keeps its settings: string values by key, saved at once. The app wires the store's, behind a
 * {@link CachedSettings} so the window never waits on the disk.
 */
public interface SettingsStore {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);

    /** Every value, by key. */
    Map<String, String> all();
}
