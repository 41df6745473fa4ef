// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** Light and dark appearance: AtlantaFX's Primer themes under the app's own stylesheet. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    /** MOSS Desktop's own styles (chat bubbles, Markdown, status bar), on top of either theme. */
    public static final String APP_STYLESHEET =
            Theme.class.getResource("app.css").toExternalForm();

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** Makes this the look of every window of the application. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet);
    }

    /** Gives a scene the app's fonts and styles; call once per window. */
    public static void style(Scene scene) {
        Fonts.load();
        if (!scene.getStylesheets().contains(APP_STYLESHEET)) {
            scene.getStylesheets().add(APP_STYLESHEET);
        }
    }
}
