// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.util.Optional;

/** Where the UI keeps its settings: string values by key, saved at once. The app wires the store's. */
public interface SettingsStore {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);
}
