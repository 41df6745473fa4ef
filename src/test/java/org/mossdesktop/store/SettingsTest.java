// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    private ConversationStore open() {
        return ConversationStore.open(dir.resolve("conversations.db"), StoreOptions.DEFAULTS);
    }

    /** A shape the UI might keep, e.g. where each model stage runs. */
    record Placement(String model, List<String> devices, int contextLength) {}

    private static final Setting<Placement> PLACEMENT =
            Setting.of("engine.placement", Placement.class, new Placement("", List.of(), 2048));

    @Test
    void an_unsaved_setting_has_its_default() {
        try (ConversationStore store = open()) {
            assertEquals("light", store.settings().get(Setting.THEME));
            assertEquals(14, store.settings().get(Setting.FONT_SIZE));
            assertEquals(Map.of(), store.settings().get(Setting.ENDPOINT_CONSENT));
        }
    }

    @Test
    void saved_values_of_every_shape_come_back_after_a_restart() {
        Placement placement = new Placement("moss-moon-003-sft", List.of("cuda:0", "cuda:1"), 4096);
        try (ConversationStore store = open()) {
            store.settings().put(Setting.THEME, "dark");
            store.settings().put(Setting.LANGUAGE, "zh-CN");
            store.settings().put(Setting.FONT_SIZE, 18);
            store.settings().put(Setting.RECENT_MODELS, List.of("/models/b", "/models/a"));
            store.settings().put(Setting.PLUGINS, Map.of("Calculator", true, "Web search", false));
            store.settings().put(Setting.ENDPOINT_CONSENT, Map.of("http://127.0.0.1:8080/search", true));
            store.settings().put(PLACEMENT, placement);
        }
        try (ConversationStore store = open()) {
            Settings settings = store.settings();
            assertEquals("dark", settings.get(Setting.THEME));
            assertEquals("zh-CN", settings.get(Setting.LANGUAGE));
            assertEquals(18, settings.get(Setting.FONT_SIZE));
            assertEquals(List.of("/models/b", "/models/a"), settings.get(Setting.RECENT_MODELS));
            assertEquals(Map.of("Calculator", true, "Web search", false), settings.get(Setting.PLUGINS));
            assertEquals(Map.of("http://127.0.0.1:8080/search", true), settings.get(Setting.ENDPOINT_CONSENT));
            assertEquals(placement, settings.get(PLACEMENT));
        }
    }

    @Test
    void the_text_settings_can_be_read_in_one_go() {
        try (ConversationStore store = open()) {
            store.settings().put(Setting.THEME, "dark");
            store.settings().put(Setting.text("model.directory", ""), "/models/模型");
            store.settings().put(Setting.FONT_SIZE, 17);
            store.settings().put(Setting.ENDPOINT_CONSENT, Map.of("http://127.0.0.1:8888", true));

            assertEquals(
                    Map.of("ui.theme", "dark", "model.directory", "/models/模型"),
                    store.settings().texts());
        }
    }

    @Test
    void resetting_a_setting_brings_back_its_default() {
        try (ConversationStore store = open()) {
            store.settings().put(Setting.FONT_SIZE, 20);
            store.settings().reset(Setting.FONT_SIZE);
            assertEquals(14, store.settings().get(Setting.FONT_SIZE));
        }
    }

    @Test
    void a_value_of_another_shape_reads_as_the_default_instead_of_failing() {
        try (ConversationStore store = open()) {
            store.writeSetting(Setting.FONT_SIZE.key(), java.util.Optional.of("{\"size\": \"large\"}"));
            assertEquals(14, store.settings().get(Setting.FONT_SIZE));
        }
    }
}
