// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.ConversationRepository;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.SftConversation;

/** Reads conversations from a JSON file, whichever format it is in, and saves them as new conversations. */
public final class ConversationImport {

    private ConversationImport() {}

    /**
     * The transcripts in {@code file}: MOSS Desktop's export format ({@link ConversationJson}), or one
     * conversation in MOSS's SFT training format ({@link SftConversation}, e.g. moss-003-sft-data).
     *
     * @throws UserFacingException when the file cannot be read, is not JSON, or is in no format we know
     */
    public static List<Transcript> read(Path file) {
        return read(file, Instant.now());
    }

    /** As {@link #read(Path)}; SFT conversations, which carry no times, get {@code importedAt}. */
    static List<Transcript> read(Path file, Instant importedAt) {
        String text;
        JsonElement root;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            root = JsonParser.parseString(text);
        } catch (IOException e) {
            throw new UserFacingException(e, "store.import.cannotRead", file.toString());
        } catch (JsonParseException e) {
            throw new UserFacingException(e, "store.import.notJson", file.toString());
        }
        String source = file.getFileName().toString();
        if (ConversationJson.isThisFormat(root)) {
            return ConversationJson.read(root, source);
        }
        if (root.isJsonObject()
                && root.getAsJsonObject().has("meta_instruction")
                && root.getAsJsonObject().has("chat")) {
            SftConversation sft = SftConversation.parse(text, source);
            return List.of(SftImport.transcript(sft, source.replaceFirst("\\.json$", ""), importedAt));
        }
        throw new UserFacingException("store.import.unknownFormat", file.toString());
    }

    /** Imports every conversation of {@code file}; the whole file is read and checked before anything is saved. */
    public static List<Conversation> into(ConversationRepository repository, Path file) {
        List<Conversation> imported = new ArrayList<>();
        for (Transcript transcript : read(file)) {
            imported.add(repository.importTranscript(transcript));
        }
        return imported;
    }
}
