// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Text;

/**
 * Splits text into runs of Chinese and other characters, so monospaced code (whose fonts have no CJK
 * glyphs) can show Chinese comments and strings in the bundled CJK font.
 */
final class Scripts {

    private Scripts() {}

    static List<javafx.scene.Node> runs(String text, String styleClass) {
        List<javafx.scene.Node> out = new ArrayList<>();
        int start = 0;
        boolean cjk = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean isCjk = isCjk(cp);
            if (i > start && isCjk != cjk) {
                out.add(run(text.substring(start, i), styleClass, cjk));
                start = i;
            }
            cjk = isCjk;
            i += Character.charCount(cp);
        }
        if (start < text.length()) {
            out.add(run(text.substring(start), styleClass, cjk));
        }
        return out;
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    private static Text run(String text, String styleClass, boolean cjk) {
        Text run = new Text(text);
        run.getStyleClass().add(cjk ? "cjk" : styleClass);
        return run;
    }
}
