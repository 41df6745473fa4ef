// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.SftSamples;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.StoreOptions;

/** MOSS's SFT conversations (the format of moss-003-sft-data) imported as conversations. */
class SftImportTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    // Durability is tested in the store; here a hundred imports need not wait for the disk.
    private static final StoreOptions QUICK = StoreOptions.DEFAULTS.withDurability(StoreOptions.Durability.NORMAL);

    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(SftImportTest.class.getResource("sft-square-garden.json").toURI());
    }

    @Test
    void each_turn_becomes_the_question_and_the_reply_with_its_plugin_steps() throws URISyntaxException {
        Transcript transcript = ConversationImport.read(fixture(), NOW).getFirst();

        List<Message> messages = transcript.messages();
        assertEquals(
                List.of(Role.USER, Role.MOSS, Role.USER, Role.MOSS),
                messages.stream().map(Message::role).toList());
        assertEquals(
                "一块正方形菜地的边长是 12 米，它的面积是多少平方米？请帮我算一下，顺便告诉我怎么算。", messages.get(0).text());
        Message calculated = messages.get(1);
        assertEquals("菜地的面积是 144 平方米。", calculated.text());
        assertEquals("这是一个面积计算问题，我需要调用计算器。", calculated.innerThoughts());
        assertEquals("Calculate(\"12*12\")", calculated.commands());
        assertEquals("Calculate(\"12*12\") => '144'", calculated.results());
        Message plain = messages.get(3);
        assertEquals("The perimeter is 4 × 12 = 48 metres.", plain.text());
        assertEquals(List.of("", "", ""), List.of(plain.innerThoughts(), plain.commands(), plain.results()));
        assertTrue(messages.stream()
                .allMatch(message ->
                        message.reply().isEmpty() && message.createdAt().equals(NOW)));
    }

    @Test
    void the_title_is_the_start_of_the_first_question() throws URISyntaxException {
        Conversation conversation =
                ConversationImport.read(fixture(), NOW).getFirst().conversation();
        assertEquals("一块正方形菜地的边长是 12 米，它的面积是多少平方米？请帮我算一下，顺便告诉我…", conversation.title());
        assertEquals(NOW, conversation.createdAt());
    }

    @Test
    void a_damaged_sft_file_names_the_field_at_fault() throws IOException, URISyntaxException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(fixture()).replace("<eom>", "<eoh>"));

        UserFacingException e = assertThrows(UserFacingException.class, () -> ConversationImport.read(broken));

        assertEquals("moss.sft.invalid", e.key());
        assertTrue(e.localizedMessage(Messages.ENGLISH).contains("chat.turn_1.MOSS"), e.getMessage());
    }

    /** MOSS's own sample conversations, every category; skipped where ../shared is not beside the repo. */
    @Test
    void every_moss_sample_conversation_imports_exports_and_imports_again_unchanged() throws IOException {
        List<Path> files = SftSamples.files();

        try (ConversationStore first = ConversationStore.open(dir.resolve("a/conversations.db"), QUICK);
                ConversationStore second = ConversationStore.open(dir.resolve("b/conversations.db"), QUICK)) {
            for (Path file : files) {
                Conversation imported = ConversationImport.into(first, file).getFirst();
                Transcript transcript = first.transcript(imported.id());
                int turns = JsonParser.parseString(Files.readString(file))
                        .getAsJsonObject()
                        .getAsJsonObject("chat")
                        .size();
                assertEquals(2 * turns, transcript.messages().size(), file.toString());
                for (Message message : transcript.messages()) {
                    // Each field loses its role tag and its own end token; text inside stays as written
                    // (one sample's reply really ends in "<|1|><eor>").
                    String end = message.role() == Role.USER ? "<eoh>" : "<eom>";
                    assertFalse(
                            message.text().startsWith("<|") || message.text().endsWith(end),
                            file + ": " + message.text());
                    assertFalse(
                            message.innerThoughts().endsWith("<eot>")
                                    || message.innerThoughts().startsWith("<|Inner"),
                            file.toString());
                    assertFalse(
                            message.commands().endsWith("<eoc>")
                                    || message.commands().startsWith("<|Commands"),
                            file.toString());
                    assertFalse(
                            message.results().endsWith("<eor>")
                                    || message.results().startsWith("<|Results"),
                            file.toString());
                }
                StringWriter json = new StringWriter();
                ConversationJson.write(List.of(transcript), json, "test", NOW);
                Path exported = dir.resolve("exported.json");
                Files.writeString(exported, json.toString());
                Conversation again = ConversationImport.into(second, exported).getFirst();
                assertEquals(
                        SampleConversations.comparable(transcript),
                        SampleConversations.comparable(second.transcript(again.id())),
                        file.toString());
                new MarkdownExport(Messages.CHINESE, java.time.ZoneOffset.UTC).render(transcript, "files");
            }
            assertEquals(files.size(), first.list().size());
        }
    }
}
