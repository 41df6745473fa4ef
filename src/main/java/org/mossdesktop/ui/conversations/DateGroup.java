// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.conversations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The sections of the conversation list, in the order they are shown. */
public enum DateGroup {
    PINNED,
    TODAY,
    YESTERDAY,
    PREVIOUS_7_DAYS,
    OLDER;

    /** The group of a conversation last changed at {@code updated}, seen on {@code today} in {@code zone}. */
    public static DateGroup of(boolean pinned, Instant updated, LocalDate today, ZoneId zone) {
        if (pinned) {
            return PINNED;
        }
        LocalDate day = updated.atZone(zone).toLocalDate();
        if (!day.isBefore(today)) {
            return TODAY;
        }
        if (day.equals(today.minusDays(1))) {
            return YESTERDAY;
        }
        if (!day.isBefore(today.minusDays(7))) {
            return PREVIOUS_7_DAYS;
        }
        return OLDER;
    }

    /** The message key of the group's heading. */
    public String key() {
        return "ui.conversations.group." + name();
    }
}
