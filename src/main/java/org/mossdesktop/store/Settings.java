// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings (theme, language, font size, recent models, plugin switches, consent per endpoint…),
 * kept as key → JSON value in the same database as the conversations. Thread-safe; reads and writes touch
 * the disk, so call them off the FX thread.
 */
public final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final Gson GSON = new Gson();

    private final ConversationStore store;

    Settings(ConversationStore store) {
        this.store = store;
    }

    /** The saved value, or the setting's default when none was saved or the saved one no longer reads. */
    public <T> T get(Setting<T> setting) {
        Optional<String> json = store.readSetting(setting.key());
        if (json.isEmpty()) {
            return setting.defaultValue();
        }
        try {
            T value = GSON.fromJson(json.get(), setting.type());
            return value == null ? setting.defaultValue() : value;
        } catch (JsonParseException | IllegalStateException e) {
            // A value written by another version with another shape: the default beats failing to start.
            LOG.warn("Setting {} has an unreadable value {}; using the default", setting.key(), json.get(), e);
            return setting.defaultValue();
        }
    }

    public <T> void put(Setting<T> setting, T value) {
        if (value == null) {
            throw new IllegalArgumentException("use reset() to go back to the default");
        }
        store.writeSetting(setting.key(), Optional.of(GSON.toJson(value, setting.type())));
    }

    /**
     * Every saved setting whose value is text, by key: what a caller that keeps its settings as text (the UI)
     * reads in one go at start, instead of one read per key.
     */
    public Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        store.readSettings().forEach((key, json) -> {
            try {
                JsonElement value = JsonParser.parseString(json);
                if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                    texts.put(key, value.getAsString());
                }
            } catch (JsonParseException e) {
                LOG.warn("Setting {} has an unreadable value {}; skipping it", key, json, e);
            }
        });
        return texts;
    }

    /** Forgets the saved value: {@link #get} returns the default again. */
    public void reset(Setting<?> setting) {
        store.writeSetting(setting.key(), Optional.empty());
    }
}
