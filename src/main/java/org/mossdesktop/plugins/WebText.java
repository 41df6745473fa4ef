// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from the web made plain for MOSS: HTML tags and entities out (search APIs bold the query words),
 * NULs, control and bidirectional-override characters out, whitespace collapsed to single spaces, and cut
 * to a length. The protocol quotes and caps tool output again; this keeps a web page from reaching the
 * prompt as anything but one line of text.
 */
final class WebText {

    private static final Pattern TAG = Pattern.compile("<[^<>]{0,500}>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "hellip", "…", "mdash", "—",
            "ndash", "–");
    // C0/C1 controls (tabs and newlines become spaces below), bidi overrides and isolates, BOM.
    private static final Pattern UNSAFE =
            Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]|[\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");
    // MOSS's own markers, in case a page quotes them: the protocol escapes them too, this is the first line.
    private static final Pattern MOSS_MARKER = Pattern.compile("<\\|[^|<>]{0,40}\\|>|<eo[a-z]>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private WebText() {}

    static String plain(String html, int maxLength) {
        if (html == null) {
            return "";
        }
        String text = TAG.matcher(html).replaceAll("");
        text = decodeEntities(text);
        text = UNSAFE.matcher(text).replaceAll("");
        text = MOSS_MARKER.matcher(text).replaceAll("");
        text = SPACE.matcher(text).replaceAll(" ").strip();
        if (text.length() > maxLength) {
            int cut = maxLength;
            if (Character.isLowSurrogate(text.charAt(cut))) {
                cut--;
            }
            text = text.substring(0, cut).stripTrailing() + "…";
        }
        return text;
    }

    private static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement;
            if (entity.startsWith("#")) {
                int codePoint;
                try {
                    codePoint = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X')
                            ? Integer.parseInt(entity.substring(2), 16)
                            : Integer.parseInt(entity.substring(1));
                } catch (NumberFormatException e) {
                    codePoint = -1;
                }
                replacement = Character.isValidCodePoint(codePoint) && codePoint != 0
                        ? new String(Character.toChars(codePoint))
                        : "";
            } else {
                replacement = NAMED.getOrDefault(entity, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
