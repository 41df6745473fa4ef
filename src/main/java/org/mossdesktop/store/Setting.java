// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * A typed key of the settings table: its name, the Java type its JSON value reads into (records, lists and
 * maps work), and the value it has until the user changes it.
 */
public record Setting<T>(String key, Type type, T defaultValue) {

    /** "light" or "dark". */
    public static final Setting<String> THEME = text("ui.theme", "light");

    /** A language tag ("en", "zh-CN"), or "" to follow the system's language. */
    public static final Setting<String> LANGUAGE = text("ui.language", "");

    /** The chat text size in points. */
    public static final Setting<Integer> FONT_SIZE = integer("ui.fontSize", 14);

    /** Model directories, the most recently loaded first. */
    public static final Setting<List<String>> RECENT_MODELS =
            of("models.recent", new TypeToken<List<String>>() {}.getType(), List.of());

    /** Tool name → on/off, e.g. {@code "Calculator" → true}. */
    public static final Setting<Map<String, Boolean>> PLUGINS =
            of("plugins.enabled", new TypeToken<Map<String, Boolean>>() {}.getType(), Map.of());

    /** Endpoint URL → whether the user agreed to send queries there. */
    public static final Setting<Map<String, Boolean>> ENDPOINT_CONSENT =
            of("plugins.endpointConsent", new TypeToken<Map<String, Boolean>>() {}.getType(), Map.of());

    public Setting {
        if (key == null || key.isBlank() || type == null) {
            throw new IllegalArgumentException("a setting needs a key and a type");
        }
    }

    public static Setting<String> text(String key, String defaultValue) {
        return new Setting<>(key, String.class, defaultValue);
    }

    public static Setting<Integer> integer(String key, int defaultValue) {
        return new Setting<>(key, Integer.class, defaultValue);
    }

    public static Setting<Double> number(String key, double defaultValue) {
        return new Setting<>(key, Double.class, defaultValue);
    }

    public static Setting<Boolean> flag(String key, boolean defaultValue) {
        return new Setting<>(key, Boolean.class, defaultValue);
    }

    /** A record or other class Gson can read, e.g. a placement plan. */
    public static <T> Setting<T> of(String key, Class<T> type, T defaultValue) {
        return new Setting<>(key, type, defaultValue);
    }

    /** A generic type, e.g. {@code new TypeToken<Map<String, Boolean>>() {}.getType()}. */
    public static <T> Setting<T> of(String key, Type type, T defaultValue) {
        return new Setting<>(key, type, defaultValue);
    }
}
