// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** Light and dark appearance, from AtlantaFX's Primer themes. */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** Makes this the look of every window of the application. */
    public void apply() {
        Application.setUserAgentStylesheet(stylesheet);
    }
}
