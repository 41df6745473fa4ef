// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.ConversationRepository;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.UserFacingException;

/** Reads conversations from a JSON file, whichever format it is in, and saves them as new conversations. */
public final class ConversationImport {

    private ConversationImport() {}

    /**
     * The transcripts in {@code file}: MOSS Desktop's export format ({@link ConversationJson}).
     *
     * @throws UserFacingException when the file cannot be read, is not JSON, or is in no format we know
     */
    public static List<Transcript> read(Path file) {
        JsonElement root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(in);
        } catch (IOException e) {
            throw new UserFacingException(e, "store.import.cannotRead", file.toString());
        } catch (JsonParseException e) {
            throw new UserFacingException(e, "store.import.notJson", file.toString());
        }
        String source = file.getFileName().toString();
        if (ConversationJson.isThisFormat(root)) {
            return ConversationJson.read(root, source);
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
