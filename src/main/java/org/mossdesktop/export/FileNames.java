// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import org.mossdesktop.chat.Conversation;

/** File names that work on Linux, Windows and macOS, made from titles and attachment names. */
final class FileNames {

    private static final int MAX_LENGTH = 60;

    private FileNames() {}

    /**
     * Characters no system objects to: no separators, wildcards, quotes, control characters or trailing dots;
     * no {@code #} or {@code %} either, which links would read as a fragment or an escape.
     */
    static String safe(String name) {
        String cleaned = name.replaceAll("[\\\\/:*?\"<>|#%\\p{Cntrl}]", "_")
                .replaceAll("\\s+", " ")
                .strip();
        if (cleaned.codePointCount(0, cleaned.length()) > MAX_LENGTH) {
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_LENGTH))
                    .strip();
        }
        cleaned = cleaned.replaceAll("[. ]+$", "");
        return cleaned.isEmpty() ? "conversation" : cleaned;
    }

    /** A relative link to {@code folder/name}: ASCII punctuation and spaces percent-encoded, other text kept. */
    static String link(String folder, String name) {
        return encode(folder) + "/" + encode(name);
    }

    private static String encode(String segment) {
        StringBuilder encoded = new StringBuilder();
        segment.codePoints().forEach(c -> {
            boolean unreserved = c >= 0x80 || Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0;
            if (unreserved) {
                encoded.appendCodePoint(c);
            } else {
                encoded.append(String.format("%%%02X", c));
            }
        });
        return encoded.toString();
    }

    /** {@code TITLE-ID}: readable, and unique among a store's conversations; never a reserved name like CON. */
    static String of(Conversation conversation) {
        return safe(conversation.title()) + "-" + conversation.id();
    }
}
