// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

/**
 * A file that belongs to a message, e.g. an image MOSS generated with Text2Image. The bytes stay in the
 * repository ({@link ConversationRepository#attachmentContent}) so that listing messages stays cheap.
 *
 * @param id the store's id; 0 before it is saved
 * @param name a file name without directories, e.g. {@code image-1.png}
 * @param mediaType e.g. {@code image/png}
 * @param size the content's length in bytes
 */
public record Attachment(long id, String name, String mediaType, long size) {

    public Attachment {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("an attachment needs a plain file name, was " + name);
        }
        if (mediaType == null || mediaType.isBlank()) {
            throw new IllegalArgumentException("an attachment needs a media type");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
    }
}
