// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mossdesktop.i18n.UserFacingException;

/**
 * A conversation in MOSS's SFT JSON format (moss-003-sft-data): {@code meta_instruction}, {@code num_turns}
 * and {@code chat.turn_N} with the fields {@code Human}, {@code Inner Thoughts}, {@code Commands}, {@code Tool
 * Responses} and {@code MOSS}, each the exact training text of that line, role tag and end token included.
 *
 * @param meta the conversation's meta instruction, as written
 * @param turns its turns, in order
 */
public record SftConversation(MetaInstruction meta, List<Turn> turns) {

    public SftConversation {
        if (meta == null) {
            throw new IllegalArgumentException("meta must not be null");
        }
        turns = List.copyOf(turns);
    }

    /** The exact text MOSS was trained on for this conversation. */
    public Prompt prompt() {
        return new PromptRenderer().conversation(meta, turns);
    }

    /**
     * Reads a conversation file.
     *
     * @throws UserFacingException {@code moss.sft.notFound}, {@code moss.sft.unreadable}, {@code moss.sft.notJson}
     *     or {@code moss.sft.invalid}
     */
    public static SftConversation read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(e, "moss.sft.notFound", file);
        } catch (IOException e) {
            throw new UserFacingException(e, "moss.sft.unreadable", file, String.valueOf(e.getMessage()));
        }
        return parse(json, file.toString());
    }

    /**
     * Reads a conversation from JSON text.
     *
     * @param source what to call the text in errors, e.g. its file name
     * @throws UserFacingException {@code moss.sft.notJson}, or {@code moss.sft.invalid} naming the first field that is not as MOSS writes it
     */
    public static SftConversation parse(String json, String source) {
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject()) {
                throw invalid(source, "$");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new UserFacingException(e, "moss.sft.notJson", source, String.valueOf(e.getMessage()));
        }
        String meta = string(root, "meta_instruction", source, "meta_instruction");
        if (!(root.get("chat") instanceof JsonObject chat)) {
            throw invalid(source, "chat");
        }
        int count = chat.size();
        if (root.has("num_turns")) {
            try {
                count = root.get("num_turns").getAsInt();
            } catch (RuntimeException e) {
                throw invalid(source, "num_turns");
            }
            if (count != chat.size()) {
                throw invalid(source, "num_turns");
            }
        }
        List<Turn> turns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = "turn_" + i;
            if (!(chat.get(name) instanceof JsonObject turn)) {
                throw invalid(source, "chat." + name);
            }
            turns.add(turn(turn, source, "chat." + name + "."));
        }
        return new SftConversation(new MetaInstruction(meta), turns);
    }

    private static Turn turn(JsonObject turn, String source, String at) {
        String human = field(turn, "Human", "<|Human|>: ", ControlToken.EOH, source, at);
        String reply = field(turn, "MOSS", "<|MOSS|>: ", ControlToken.EOM, source, at);
        Optional<String> thoughts =
                optionalField(turn, "Inner Thoughts", "<|Inner Thoughts|>: ", ControlToken.EOT, source, at);
        Optional<String> commands = optionalField(turn, "Commands", "<|Commands|>: ", ControlToken.EOC, source, at);
        Optional<String> results = Optional.empty();
        if (turn.has("Tool Responses")) {
            String body = field(turn, "Tool Responses", "<|Results|>:", ControlToken.EOR, source, at);
            if (body.equals(" None") || body.equals("\nNone\n")) {
                results = Optional.empty();
            } else if (body.length() >= 2 && body.startsWith("\n") && body.endsWith("\n")) {
                results = Optional.of(body.substring(1, body.length() - 1));
            } else if (body.startsWith(" ")) {
                results = Optional.of(body.substring(1));
            } else {
                throw invalid(source, at + "Tool Responses");
            }
        }
        return new Turn(human, thoughts, commands, results, reply);
    }

    private static Optional<String> optionalField(
            JsonObject turn, String key, String prefix, ControlToken end, String source, String at) {
        if (!turn.has(key)) {
            return Optional.empty();
        }
        String text = field(turn, key, prefix, end, source, at);
        return text.equals("None") ? Optional.empty() : Optional.of(text);
    }

    /** The text between {@code prefix} and {@code end + "\n"}. */
    private static String field(
            JsonObject turn, String key, String prefix, ControlToken end, String source, String at) {
        String value = string(turn, key, source, at + key);
        String suffix = end.text() + "\n";
        if (!value.startsWith(prefix)
                || !value.endsWith(suffix)
                || value.length() < prefix.length() + suffix.length()) {
            throw invalid(source, at + key);
        }
        return value.substring(prefix.length(), value.length() - suffix.length());
    }

    private static String string(JsonObject object, String key, String source, String at) {
        JsonElement element = object.get(key);
        if (element == null
                || !element.isJsonPrimitive()
                || !element.getAsJsonPrimitive().isString()) {
            throw invalid(source, at);
        }
        return element.getAsString();
    }

    private static UserFacingException invalid(String source, String at) {
        return new UserFacingException("moss.sft.invalid", source, at);
    }
}
