// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mossdesktop.ui.Await;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class CachedSettingsTest {

    private final InMemorySettings store = new InMemorySettings();

    @Test
    void a_change_is_read_back_at_once_and_reaches_the_store_in_the_background() {
        store.put("ui.theme", "dark");
        CachedSettings settings = CachedSettings.read(store);

        settings.put("ui.theme", "light");

        assertEquals(Optional.of("light"), settings.get("ui.theme"));
        Await.background();
        assertEquals(Optional.of("light"), store.get("ui.theme"));
    }

    @Test
    void changes_reach_the_store_in_the_order_they_were_made() {
        CachedSettings settings = CachedSettings.read(store);

        settings.put("generation.topK", "40");
        settings.put("generation.topK", "50");
        settings.remove("generation.topK");
        settings.put("ui.fontSize", "16");
        settings.put("generation.topK", "60");
        Await.background();

        assertEquals(Map.of("ui.fontSize", "16", "generation.topK", "60"), store.all());
    }

    @Test
    void reading_a_setting_never_asks_the_store() {
        CachedSettings settings = CachedSettings.read(new SettingsStore() {
            @Override
            public Optional<String> get(String key) {
                throw new AssertionError("read " + key + " from the store");
            }

            @Override
            public void put(String key, String value) {}

            @Override
            public void remove(String key) {}

            @Override
            public Map<String, String> all() {
                return Map.of("ui.language", "zh-CN");
            }
        });

        assertEquals(Optional.of("zh-CN"), settings.get("ui.language"));
        assertEquals(Optional.empty(), settings.get("ui.theme"));
    }
}
