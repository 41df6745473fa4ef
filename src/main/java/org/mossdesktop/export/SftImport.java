// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.moss.SftConversation;
import org.mossdesktop.moss.Turn;

/**
 * A conversation in MOSS's SFT format (read by {@link SftConversation}) as a transcript: each turn becomes the
 * user's message and MOSS's reply with its inner thoughts, commands and tool results. The format has no
 * times, model or generation settings, so the messages carry the import time and no reply details; the title
 * is the start of the first question. The meta instruction is not kept: the app writes its own from the
 * user's tool switches.
 */
final class SftImport {

    private static final int TITLE_LENGTH = 40;

    private SftImport() {}

    static Transcript transcript(SftConversation sft, String fallbackTitle, Instant importedAt) {
        List<Message> messages = new ArrayList<>();
        for (Turn turn : sft.turns()) {
            messages.add(Message.user(0, turn.human(), importedAt));
            messages.add(new Message(
                    0,
                    0,
                    Role.MOSS,
                    turn.reply(),
                    turn.innerThoughts().orElse(""),
                    turn.commands().orElse(""),
                    turn.results().orElse(""),
                    Optional.empty(),
                    importedAt));
        }
        String title = sft.turns().isEmpty()
                ? fallbackTitle
                : title(sft.turns().getFirst().human());
        return new Transcript(
                new Conversation(0, title, importedAt, importedAt, false, Optional.empty()), messages, Map.of());
    }

    private static String title(String question) {
        String line = question.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= TITLE_LENGTH) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, TITLE_LENGTH)).strip() + "…";
    }
}
