// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

/** Who wrote a message. */
public enum Role {
    USER,
    MOSS
}
