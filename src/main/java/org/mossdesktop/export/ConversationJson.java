// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult.Snippet;

/**
 * MOSS Desktop's own export format: every field the store keeps, attachments included (base64), in a
 * versioned JSON document. docs/EXPORT-FORMAT.md is its specification; keep the two in step.
 */
public final class ConversationJson {

    public static final String FORMAT = "moss-desktop-conversations";

    /** Raised only for changes an older reader would misread; new optional fields keep the version. */
    public static final int VERSION = 1;

    private ConversationJson() {}

    /**
     * Writes the transcripts one by one, so exporting every conversation holds only one in memory.
     *
     * @param generator the app and version that wrote the file, e.g. "MOSS Desktop 0.1.0"
     */
    public static void write(Iterable<Transcript> transcripts, Writer out, String generator, Instant exportedAt)
            throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.setIndent("  ");
        json.setHtmlSafe(false);
        json.beginObject();
        json.name("format").value(FORMAT);
        json.name("version").value(VERSION);
        json.name("generator").value(generator);
        json.name("exportedAt").value(exportedAt.toString());
        json.name("conversations").beginArray();
        for (Transcript transcript : transcripts) {
            writeConversation(json, transcript);
        }
        json.endArray();
        json.endObject();
        json.flush();
        out.write('\n');
        out.flush();
    }

    private static void writeConversation(JsonWriter json, Transcript transcript) throws IOException {
        Conversation conversation = transcript.conversation();
        json.beginObject();
        json.name("id").value(conversation.id());
        json.name("title").value(conversation.title());
        json.name("createdAt").value(conversation.createdAt().toString());
        json.name("updatedAt").value(conversation.updatedAt().toString());
        json.name("pinned").value(conversation.pinned());
        json.name("settings");
        writeSettings(json, conversation.settings());
        json.name("messages").beginArray();
        for (Message message : transcript.messages()) {
            json.beginObject();
            json.name("id").value(message.id());
            json.name("role").value(message.role() == Role.MOSS ? "moss" : "user");
            json.name("createdAt").value(message.createdAt().toString());
            json.name("text").value(message.text());
            json.name("innerThoughts").value(message.innerThoughts());
            json.name("commands").value(message.commands());
            json.name("results").value(message.results());
            json.name("reply");
            if (message.reply().isPresent()) {
                ReplyInfo reply = message.reply().get();
                json.beginObject();
                json.name("modelName").value(reply.modelName());
                json.name("settings");
                writeSettings(json, Optional.of(reply.settings()));
                json.name("finishReason").value(reply.finishReason().name());
                json.name("promptTokens").value(reply.promptTokens());
                json.name("generatedTokens").value(reply.generatedTokens());
                json.name("timeToFirstTokenMillis").value(reply.timeToFirstTokenMillis());
                json.name("decodeMillis").value(reply.decodeMillis());
                json.endObject();
            } else {
                json.nullValue();
            }
            json.name("sources").beginArray();
            for (Map.Entry<Integer, Snippet> source :
                    message.citations().sources().entrySet()) {
                json.beginObject();
                json.name("number").value(source.getKey());
                json.name("title").value(orEmpty(source.getValue().title()));
                json.name("url").value(orEmpty(source.getValue().url()));
                json.name("text").value(orEmpty(source.getValue().text()));
                json.endObject();
            }
            json.endArray();
            json.name("attachments").beginArray();
            for (Attachment attachment : message.attachments()) {
                byte[] content = transcript.content(attachment);
                json.beginObject();
                json.name("id").value(attachment.id());
                json.name("name").value(attachment.name());
                json.name("mediaType").value(attachment.mediaType());
                json.name("size").value(content.length);
                json.name("base64").value(Base64.getEncoder().encodeToString(content));
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void writeSettings(JsonWriter json, Optional<GenerationSettings> settings) throws IOException {
        if (settings.isEmpty()) {
            json.nullValue();
            return;
        }
        GenerationSettings value = settings.get();
        json.beginObject();
        json.name("temperature").value(value.temperature());
        json.name("topP").value(value.topP());
        json.name("topK").value(value.topK());
        json.name("repetitionPenalty").value(value.repetitionPenalty());
        json.name("maxNewTokens").value(value.maxNewTokens());
        json.name("greedy").value(value.greedy());
        json.name("seed");
        if (value.seed().isPresent()) {
            json.value(value.seed().getAsLong());
        } else {
            json.nullValue();
        }
        json.endObject();
    }

    /** Whether {@code root} claims to be this format (of any version). */
    static boolean isThisFormat(JsonElement root) {
        return root.isJsonObject()
                && root.getAsJsonObject().has("format")
                && root.getAsJsonObject().get("format").isJsonPrimitive()
                && FORMAT.equals(root.getAsJsonObject().get("format").getAsString());
    }

    /**
     * The transcripts of a document in this format. Ids are the exporting store's; attachment content is
     * keyed by the exported attachment ids.
     *
     * @param source names the file in error messages
     * @throws UserFacingException {@code store.import.newerFormat} or {@code store.import.invalid}
     */
    static List<Transcript> read(JsonElement root, String source) {
        JsonObject document = root.getAsJsonObject();
        int version = Fields.integer(document, "version", source);
        if (version > VERSION) {
            throw new UserFacingException("store.import.newerFormat", source, String.valueOf(version), VERSION);
        }
        List<Transcript> transcripts = new ArrayList<>();
        for (JsonElement element : Fields.array(document, "conversations", source)) {
            transcripts.add(readConversation(Fields.object(element, "conversations[]", source), source));
        }
        return transcripts;
    }

    private static Transcript readConversation(JsonObject json, String source) {
        Conversation conversation = new Conversation(
                Fields.optionalLong(json, "id", source).orElse(0),
                Fields.text(json, "title", source),
                instant(json, "createdAt", source),
                instant(json, "updatedAt", source),
                Fields.optionalBoolean(json, "pinned", source).orElse(false),
                readSettings(json.get("settings"), source));
        List<Message> messages = new ArrayList<>();
        Map<Long, byte[]> content = new HashMap<>();
        long nextAttachment = 1;
        for (JsonElement element : Fields.array(json, "messages", source)) {
            JsonObject message = Fields.object(element, "messages[]", source);
            String role = Fields.text(message, "role", source);
            if (!role.equals("user") && !role.equals("moss")) {
                throw Fields.invalid(source, "role must be \"user\" or \"moss\", was \"" + role + "\"");
            }
            List<Attachment> attachments = new ArrayList<>();
            if (message.has("attachments") && !message.get("attachments").isJsonNull()) {
                for (JsonElement a : Fields.array(message, "attachments", source)) {
                    JsonObject attachment = Fields.object(a, "attachments[]", source);
                    byte[] bytes;
                    try {
                        bytes = Base64.getDecoder().decode(Fields.text(attachment, "base64", source));
                    } catch (IllegalArgumentException e) {
                        throw Fields.invalid(source, "an attachment's base64 does not decode: " + e.getMessage());
                    }
                    // Ids only pair metadata with content inside this transcript; the store assigns new ones.
                    long id = nextAttachment++;
                    content.put(id, bytes);
                    attachments.add(Fields.build(
                            () -> new Attachment(
                                    id,
                                    Fields.text(attachment, "name", source),
                                    Fields.text(attachment, "mediaType", source),
                                    bytes.length),
                            source));
                }
            }
            messages.add(new Message(
                    Fields.optionalLong(message, "id", source).orElse(0),
                    conversation.id(),
                    role.equals("moss") ? Role.MOSS : Role.USER,
                    Fields.text(message, "text", source),
                    Fields.optionalText(message, "innerThoughts", source).orElse(""),
                    Fields.optionalText(message, "commands", source).orElse(""),
                    Fields.optionalText(message, "results", source).orElse(""),
                    readReply(message.get("reply"), source),
                    instant(message, "createdAt", source),
                    attachments,
                    readSources(message, source)));
        }
        return new Transcript(conversation, messages, content);
    }

    /** The optional {@code sources} of a reply (files written before they existed have none). */
    private static Citations readSources(JsonObject message, String source) {
        if (!message.has("sources") || message.get("sources").isJsonNull()) {
            return Citations.none();
        }
        TreeMap<Integer, Snippet> sources = new TreeMap<>();
        for (JsonElement element : Fields.array(message, "sources", source)) {
            JsonObject hit = Fields.object(element, "sources[]", source);
            int number = Fields.integer(hit, "number", source);
            if (number < 1 || sources.containsKey(number)) {
                throw Fields.invalid(source, "a source's number must be positive and unique, was " + number);
            }
            sources.put(
                    number,
                    new Snippet(
                            Fields.optionalText(hit, "title", source).orElse(""),
                            Fields.text(hit, "url", source),
                            Fields.optionalText(hit, "text", source).orElse("")));
        }
        return new Citations(sources);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Optional<ReplyInfo> readReply(JsonElement element, String source) {
        if (element == null || element.isJsonNull()) {
            return Optional.empty();
        }
        JsonObject json = Fields.object(element, "reply", source);
        String finish = Fields.text(json, "finishReason", source);
        FinishReason reason;
        try {
            reason = FinishReason.valueOf(finish);
        } catch (IllegalArgumentException e) {
            throw Fields.invalid(source, "unknown finishReason \"" + finish + "\"");
        }
        return Optional.of(new ReplyInfo(
                Fields.text(json, "modelName", source),
                readSettings(json.get("settings"), source)
                        .orElseThrow(() -> Fields.invalid(source, "a reply needs its settings")),
                reason,
                Fields.integer(json, "promptTokens", source),
                Fields.integer(json, "generatedTokens", source),
                Fields.optionalLong(json, "timeToFirstTokenMillis", source).orElse(0),
                Fields.optionalLong(json, "decodeMillis", source).orElse(0)));
    }

    private static Optional<GenerationSettings> readSettings(JsonElement element, String source) {
        if (element == null || element.isJsonNull()) {
            return Optional.empty();
        }
        JsonObject json = Fields.object(element, "settings", source);
        OptionalLong seed = Fields.optionalLong(json, "seed", source);
        return Optional.of(Fields.build(
                () -> new GenerationSettings(
                        Fields.number(json, "temperature", source),
                        Fields.number(json, "topP", source),
                        Fields.integer(json, "topK", source),
                        Fields.number(json, "repetitionPenalty", source),
                        Fields.integer(json, "maxNewTokens", source),
                        Fields.optionalBoolean(json, "greedy", source).orElse(false),
                        seed),
                source));
    }

    private static Instant instant(JsonObject json, String name, String source) {
        String text = Fields.text(json, name, source);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Fields.invalid(source, name + " is not an ISO-8601 instant: \"" + text + "\"");
        }
    }
}
