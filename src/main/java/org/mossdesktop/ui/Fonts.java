// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.text.Font;

/**
 * The bundled CJK font (a GB2312 subset of Noto Sans CJK SC, OFL): the UI's font, so Chinese renders on
 * desktops that have no CJK font of their own (bare Linux, Xvfb). Its Latin letters are Source Sans.
 */
public final class Fonts {

    /** The family name CSS refers to, in app.css. */
    public static final String CJK_FAMILY = "Noto Sans CJK SC";

    private static final String CJK_RESOURCE = "fonts/NotoSansCJKsc-Regular-GB2312.otf";
    private static volatile Font cjk;

    private Fonts() {}

    /** Loads the bundled fonts once; later calls return at once. Any thread. */
    public static synchronized Font load() {
        if (cjk == null) {
            try (InputStream in = Fonts.class.getResourceAsStream(CJK_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(CJK_RESOURCE + " is missing from the build");
                }
                cjk = Font.loadFont(in, 13);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (cjk == null) {
                throw new IllegalStateException("JavaFX could not load " + CJK_RESOURCE);
            }
        }
        return cjk;
    }
}
