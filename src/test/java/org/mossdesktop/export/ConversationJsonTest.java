// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.StoreOptions;

class ConversationJsonTest {

    private static final Instant EXPORTED_AT = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;

    private ConversationStore source;
    private ConversationStore target;
    private Transcript sample;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
        source = ConversationStore.open(dir.resolve("a/conversations.db"), StoreOptions.DEFAULTS.withClock(clock));
        target = ConversationStore.open(dir.resolve("b/conversations.db"), StoreOptions.DEFAULTS);
        sample = SampleConversations.save(source);
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    private String json(List<Transcript> transcripts) throws IOException {
        StringWriter out = new StringWriter();
        ConversationJson.write(transcripts, out, "MOSS Desktop test", EXPORTED_AT);
        return out.toString();
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void store_to_json_to_store_gives_an_identical_conversation() throws IOException {
        Path file = ConversationExport.json(
                source,
                List.of(sample.conversation().id()),
                dir.resolve("export.json"),
                "MOSS Desktop test",
                EXPORTED_AT);

        List<Conversation> imported = ConversationImport.into(target, file);

        assertEquals(1, imported.size());
        Transcript back = target.transcript(imported.getFirst().id());
        assertEquals(SampleConversations.comparable(sample), SampleConversations.comparable(back));
    }

    @Test
    void exporting_everything_round_trips_every_conversation_in_list_order() throws IOException {
        Conversation plain = source.create("纯文本", Optional.empty());
        source.append(Message.user(plain.id(), "只有一句话。", Instant.parse("2026-11-28T09:00:00Z")));
        source.setPinned(plain.id(), true);
        List<Long> ids = source.list().stream().map(Conversation::id).toList();

        Path file = ConversationExport.json(source, ids, dir, "MOSS Desktop test", EXPORTED_AT);
        ConversationImport.into(target, file);

        assertEquals(dir.resolve("conversations.json"), file);
        assertEquals(
                source.list().stream()
                        .map(c -> SampleConversations.comparable(source.transcript(c.id())))
                        .toList(),
                target.list().stream()
                        .map(c -> SampleConversations.comparable(target.transcript(c.id())))
                        .toList());
    }

    @Test
    void the_format_matches_its_golden_file() throws IOException {
        MarkdownExportTest.assertGolden("sample.json", json(List.of(sample)));
    }

    @Test
    void a_file_from_a_newer_format_version_is_refused_with_a_clear_message() throws IOException {
        Path file = file("newer.json", json(List.of(sample)).replace("\"version\": 1,", "\"version\": 2,"));

        UserFacingException e = assertThrows(UserFacingException.class, () -> ConversationImport.into(target, file));

        assertEquals("store.import.newerFormat", e.key());
        assertTrue(e.localizedMessage(Messages.ENGLISH).contains("newer MOSS Desktop"), e.getMessage());
        assertEquals(List.of(), target.list());
    }

    @Test
    void a_damaged_file_names_the_field_at_fault_and_imports_nothing() throws IOException {
        Path file = file(
                "bad.json",
                json(List.of(sample, sample)).replaceFirst("\"finishReason\": \"EOM\"", "\"finishReason\": \"TIRED\""));

        UserFacingException e = assertThrows(UserFacingException.class, () -> ConversationImport.into(target, file));

        assertEquals("store.import.invalid", e.key());
        assertTrue(e.getMessage().contains("TIRED"), e.getMessage());
        assertEquals(List.of(), target.list());
    }

    @Test
    void json_that_is_not_an_export_is_named_as_such() throws IOException {
        assertEquals(
                "store.import.unknownFormat",
                assertThrows(UserFacingException.class, () -> ConversationImport.read(file("x.json", "{\"a\": 1}")))
                        .key());
        assertEquals(
                "store.import.notJson",
                assertThrows(UserFacingException.class, () -> ConversationImport.read(file("y.json", "{not json")))
                        .key());
    }

    @Test
    void a_file_written_before_replies_had_sources_imports_them_without_any() throws IOException {
        JsonObject document = JsonParser.parseString(json(List.of(sample))).getAsJsonObject();
        for (JsonElement conversation : document.getAsJsonArray("conversations")) {
            for (JsonElement message : conversation.getAsJsonObject().getAsJsonArray("messages")) {
                message.getAsJsonObject().remove("sources");
            }
        }
        Path file = file("before-sources.json", document.toString());

        List<Conversation> imported = ConversationImport.into(target, file);

        List<Message> messages = target.messages(imported.getFirst().id());
        assertEquals(4, messages.size());
        assertTrue(messages.stream().allMatch(m -> m.citations().isEmpty()));
        assertEquals(sample.messages().get(1).text(), messages.get(1).text());
    }

    @Test
    void a_reply_keeps_its_sources_through_export_and_import() throws IOException {
        Transcript read = ConversationImport.read(file("sample.json", json(List.of(sample))))
                .getFirst();

        assertEquals(SampleConversations.SOURCES, read.messages().get(1).citations());
        assertEquals(Citations.none(), read.messages().get(3).citations());
    }

    @Test
    void fields_added_by_a_later_version_of_the_same_format_are_ignored() throws IOException {
        Path file = file(
                "later.json",
                json(List.of(sample)).replace("\"pinned\": false,", "\"pinned\": false, \"folder\": \"Travel\","));

        Transcript read = ConversationImport.read(file).getFirst();

        assertEquals(SampleConversations.comparable(sample), SampleConversations.comparable(read));
    }
}
