// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.mossdesktop.i18n.Messages;

/** The UI's language as a property: labels bind to {@link #text} and follow a language switch live. */
public final class I18n {

    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>(Messages.locale());

    public I18n() {
        locale.addListener((obs, old, now) -> Messages.setLocale(now));
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public Locale getLocale() {
        return locale.get();
    }

    public void setLocale(Locale value) {
        locale.set(Messages.supported(value));
    }

    /** A binding to the message {@code key} that re-evaluates when the language changes. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> Messages.get(locale.get(), key, args), locale);
    }

    public String get(String key, Object... args) {
        return Messages.get(locale.get(), key, args);
    }
}
