// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-facing string, in English and 简体中文, from {@code org/mossdesktop/i18n/messages*.properties}.
 * The current language is process-wide: the UI changes it, the CLI leaves it at the system's.
 */
public final class Messages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, CHINESE);

    private static final String BUNDLE = "org.mossdesktop.i18n.messages";
    // Without this, asking for English on a Chinese system would fall back to the system's language.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static volatile Locale current = supported(Locale.getDefault());

    private Messages() {}

    /** The supported language closest to {@code locale}: Chinese for any zh locale, else English. */
    public static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    public static Locale locale() {
        return current;
    }

    public static void setLocale(Locale locale) {
        current = supported(locale);
    }

    /** The string for {@code key} in the current language, with {@link MessageFormat} arguments. */
    public static String get(String key, Object... args) {
        return get(current, key, args);
    }

    public static String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale), NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("No message for key '" + key + "'", e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, supported(locale)).format(args);
    }

    /** Whether {@code key} exists (for tests that check both bundles agree). */
    public static boolean has(Locale locale, String key) {
        return ResourceBundle.getBundle(BUNDLE, supported(locale), NO_FALLBACK).containsKey(key);
    }
}
