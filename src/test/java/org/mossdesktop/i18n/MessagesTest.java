// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void both_languages_have_exactly_the_same_keys() throws IOException {
        assertEquals(keys("messages.properties"), keys("messages_zh_CN.properties"));
    }

    @Test
    void chinese_is_chosen_for_any_chinese_system_locale_and_english_otherwise() {
        assertEquals(Messages.CHINESE, Messages.supported(Locale.forLanguageTag("zh-CN")));
        assertEquals(Messages.CHINESE, Messages.supported(Locale.forLanguageTag("zh-TW")));
        assertEquals(Messages.ENGLISH, Messages.supported(Locale.GERMANY));
    }

    @Test
    void english_is_served_even_when_the_system_is_chinese() {
        Locale system = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertEquals("No model loaded", Messages.get(Locale.ENGLISH, "status.noModel"));
            assertNotEquals("No model loaded", Messages.get(Locale.SIMPLIFIED_CHINESE, "status.noModel"));
        } finally {
            Locale.setDefault(system);
        }
    }

    @Test
    void arguments_are_formatted_into_the_message() {
        assertEquals("MOSS Desktop 1.2.3", Messages.get(Locale.ENGLISH, "app.title", "1.2.3"));
    }

    private static TreeSet<String> keys(String file) throws IOException {
        try (InputStream in = Messages.class.getResourceAsStream("/org/mossdesktop/i18n/" + file)) {
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            return new TreeSet<>(properties.stringPropertyNames());
        }
    }
}
