// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.main;

import java.util.Locale;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;

/** State of the main window: its title, language, theme, and what the status bar says. */
public final class MainViewModel {

    private final I18n i18n;
    private final StringBinding title;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final StringBinding status;

    public MainViewModel(I18n i18n, String version) {
        this.i18n = i18n;
        this.title = i18n.text("app.title", version);
        this.status = i18n.text("status.noModel");
        theme.addListener((obs, old, now) -> now.apply());
    }

    public I18n i18n() {
        return i18n;
    }

    public StringBinding titleProperty() {
        return title;
    }

    public StringBinding statusProperty() {
        return status;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void setLanguage(Locale locale) {
        i18n.setLocale(locale);
    }

    public void setDarkTheme(boolean dark) {
        theme.set(dark ? Theme.DARK : Theme.LIGHT);
    }
}
