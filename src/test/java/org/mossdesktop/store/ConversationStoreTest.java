// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;

class ConversationStoreTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private ConversationStore store;

    @BeforeEach
    void open() {
        store = reopen();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ConversationStore reopen() {
        return ConversationStore.open(dir.resolve("conversations.db"), StoreOptions.DEFAULTS.withClock(clock));
    }

    private Message say(long conversationId, String text) {
        clock.advance(Duration.ofSeconds(1));
        return store.append(Message.user(conversationId, text, clock.instant()));
    }

    @Test
    void a_new_conversation_is_listed_with_its_title_and_settings() {
        GenerationSettings settings = GenerationSettings.MOSS_DEFAULTS.withSeed(42);
        Conversation created = store.create("第一次对话", Optional.of(settings));

        assertEquals(List.of(created), store.list());
        assertEquals("第一次对话", created.title());
        assertEquals(Optional.of(settings), created.settings());
        assertEquals(clock.instant(), created.createdAt());
    }

    @Test
    void the_list_shows_pinned_conversations_first_then_the_most_recently_updated() {
        Conversation old = store.create("old", Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        Conversation pinned = store.create("pinned", Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        Conversation middle = store.create("middle", Optional.empty());
        store.setPinned(pinned.id(), true);
        clock.advance(Duration.ofMinutes(1));
        say(old.id(), "bring me to the top");

        assertEquals(
                List.of("pinned", "old", "middle"),
                store.list().stream().map(Conversation::title).toList());
        assertTrue(store.list().getFirst().pinned());
        assertEquals(middle.id(), store.list().getLast().id());
    }

    @Test
    void renaming_changes_the_title_but_not_the_order() {
        Conversation first = store.create("first", Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        store.create("second", Optional.empty());
        store.rename(first.id(), "改名了");

        assertEquals(
                List.of("second", "改名了"),
                store.list().stream().map(Conversation::title).toList());
    }

    @Test
    void conversation_settings_can_be_set_and_cleared() {
        Conversation conversation = store.create("c", Optional.empty());
        GenerationSettings greedy = GenerationSettings.MOSS_DEFAULTS.withGreedy(true);
        store.setSettings(conversation.id(), Optional.of(greedy));
        assertEquals(
                Optional.of(greedy), store.find(conversation.id()).orElseThrow().settings());
        store.setSettings(conversation.id(), Optional.empty());
        assertEquals(
                Optional.empty(), store.find(conversation.id()).orElseThrow().settings());
    }

    @Test
    void messages_come_back_in_order_with_everything_a_moss_reply_carries() {
        Conversation conversation = store.create("c", Optional.empty());
        Message question = say(conversation.id(), "2+2 等于几？");
        ReplyInfo info = new ReplyInfo(
                "moss-moon-003-sft-plugin",
                new GenerationSettings(0.7, 0.8, 40, 1.02, 256, false, OptionalLong.of(7)),
                FinishReason.EOM,
                321,
                12,
                95,
                640);
        Message reply = new Message(
                0,
                conversation.id(),
                Role.MOSS,
                "2+2=4。",
                "这是一个计算问题，我需要调用计算器。",
                "Calculate(\"2+2\")",
                "Calculate(\"2+2\") => '4'",
                Optional.of(info),
                Instant.parse("2026-11-28T08:00:05.123Z"));
        Message saved = store.append(reply);

        assertEquals(List.of(question, saved), store.messages(conversation.id()));
        assertEquals(Optional.of(info), saved.reply());
        assertEquals("Calculate(\"2+2\")", saved.commands());
        assertEquals(Instant.parse("2026-11-28T08:00:05.123Z"), saved.createdAt());
    }

    @Test
    void a_reply_keeps_the_sources_of_its_citations_across_reopening() {
        Conversation conversation = store.create("c", Optional.empty());
        Citations sources = new Citations(new TreeMap<>(Map.of(
                1, new ToolResult.Snippet("西湖 - 维基百科", "https://zh.wikipedia.org/wiki/西湖", "西湖位于杭州"),
                2, new ToolResult.Snippet("", "https://example.com/a?b=1&c=\"2\"", "no title"))));
        Message reply = store.append(Message.mossReply(conversation.id(), clock.instant()));
        store.updateReply(reply.withText("西湖<sup><|1|></sup>").withCitations(sources));

        assertEquals(sources, store.messages(conversation.id()).getLast().citations());
        store.finishReply(reply.withText("西湖<sup><|1|></sup>。").withCitations(sources));
        store.close();
        store = reopen();

        assertEquals(sources, store.messages(conversation.id()).getLast().citations());
        assertEquals(
                sources,
                store.transcript(conversation.id()).messages().getLast().citations());
    }

    @Test
    void a_message_without_sources_keeps_none() {
        Conversation conversation = store.create("c", Optional.empty());
        say(conversation.id(), "hello");

        assertEquals(
                Citations.none(), store.messages(conversation.id()).getFirst().citations());
        assertEquals(
                "1",
                SqliteFile.single(
                        dir.resolve("conversations.db"), "SELECT count(*) FROM messages WHERE citations IS NULL"));
    }

    @Test
    void appending_makes_the_conversation_the_most_recently_updated() {
        Conversation conversation = store.create("c", Optional.empty());
        clock.advance(Duration.ofHours(1));
        say(conversation.id(), "hello");
        assertEquals(
                clock.instant(), store.find(conversation.id()).orElseThrow().updatedAt());
    }

    @Test
    void a_deleted_conversation_disappears_and_undo_brings_back_its_messages_and_attachments() {
        Conversation conversation = store.create("keep me", Optional.empty());
        say(conversation.id(), "first");
        Message reply = store.append(Message.mossReply(conversation.id(), clock.instant())
                .withText("an image")
                .withPluginSteps("画图", "Text2Image(\"a cat\")", "Image generated successfully."));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        store.attach(reply.id(), "image-1.png", "image/png", png);
        List<Message> before = store.messages(conversation.id());
        List<Conversation> listed = store.list();

        store.delete(conversation.id());
        assertEquals(List.of(), store.list());
        assertEquals(Optional.empty(), store.find(conversation.id()));
        assertEquals(List.of(), store.search("first", 10));

        store.undoDelete(conversation.id());
        assertEquals(listed, store.list());
        assertEquals(before, store.messages(conversation.id()));
        Attachment attachment = before.getLast().attachments().getFirst();
        assertArrayEquals(png, store.attachmentContent(attachment.id()));
        assertEquals(1, store.search("first", 10).size());
    }

    @Test
    void a_deletion_is_final_once_the_store_is_closed() {
        Conversation gone = store.create("gone", Optional.empty());
        say(gone.id(), "bye");
        store.delete(gone.id());
        store.close();
        store = reopen();

        assertEquals(List.of(), store.list());
        UserFacingException e = assertThrows(UserFacingException.class, () -> store.undoDelete(gone.id()));
        assertEquals("store.noSuchConversation", e.key());
        Path database = dir.resolve("conversations.db");
        assertEquals("0", SqliteFile.single(database, "SELECT count(*) FROM messages"));
        assertEquals("0", SqliteFile.single(database, "SELECT count(*) FROM message_search"));
    }

    @Test
    void conversations_and_messages_survive_closing_and_reopening() {
        Conversation conversation = store.create("persist", Optional.empty());
        Message message = say(conversation.id(), "are you still there?");
        List<Conversation> listed = store.list();
        store.close();
        store = reopen();

        assertEquals(listed, store.list());
        assertEquals(List.of(message), store.messages(conversation.id()));
    }

    @Test
    void edit_and_resend_replaces_the_edited_message_and_everything_after_it() {
        Conversation conversation = store.create("c", Optional.empty());
        Message keep = say(conversation.id(), "keep");
        Message edited = say(conversation.id(), "typo");
        say(conversation.id(), "later");

        Message resent = store.replaceFrom(edited.id(), Message.user(conversation.id(), "fixed", clock.instant()));

        assertEquals(List.of(keep, resent), store.messages(conversation.id()));
        assertEquals("fixed", resent.text());
        assertEquals(List.of(), store.search("typo", 10));
    }

    @Test
    void regenerating_removes_the_reply_and_what_follows() {
        Conversation conversation = store.create("c", Optional.empty());
        Message question = say(conversation.id(), "question");
        Message reply = store.append(
                Message.mossReply(conversation.id(), clock.instant()).withText("meh"));
        store.attach(reply.id(), "image-1.png", "image/png", new byte[] {1});

        store.deleteFrom(reply.id());

        assertEquals(List.of(question), store.messages(conversation.id()));
    }

    @Test
    void attachments_keep_their_bytes_name_and_order() {
        Conversation conversation = store.create("c", Optional.empty());
        Message reply = store.append(Message.mossReply(conversation.id(), clock.instant()));
        byte[] first = "first image".getBytes(StandardCharsets.UTF_8);
        byte[] second = new byte[300_000];
        second[299_999] = 7;
        Attachment a = store.attach(reply.id(), "image-1.png", "image/png", first);
        Attachment b = store.attach(reply.id(), "image-2.jpg", "image/jpeg", second);

        assertEquals(List.of(a, b), store.messages(conversation.id()).getFirst().attachments());
        assertEquals(new Attachment(b.id(), "image-2.jpg", "image/jpeg", 300_000), b);
        assertArrayEquals(second, store.attachmentContent(b.id()));
    }

    @Test
    void unknown_ids_are_reported_in_the_users_words() {
        assertEquals(
                "store.noSuchConversation",
                assertThrows(UserFacingException.class, () -> store.rename(99, "x"))
                        .key());
        assertEquals(
                "store.noSuchConversation",
                assertThrows(UserFacingException.class, () -> store.messages(99))
                        .key());
        assertEquals(
                "store.noSuchConversation",
                assertThrows(UserFacingException.class, () -> store.append(Message.user(99, "x", clock.instant())))
                        .key());
        assertEquals(
                "store.noSuchMessage",
                assertThrows(UserFacingException.class, () -> store.deleteFrom(99))
                        .key());
        assertEquals(
                "store.noSuchMessage",
                assertThrows(UserFacingException.class, () -> store.attach(99, "a.png", "image/png", new byte[0]))
                        .key());
        assertEquals(
                "store.noSuchAttachment",
                assertThrows(UserFacingException.class, () -> store.attachmentContent(99))
                        .key());
    }

    @Test
    void closing_removes_the_session_marker_that_signals_an_unclean_shutdown() {
        Path marker = dir.resolve("conversations.db-session");
        assertTrue(Files.exists(marker));
        store.close();
        assertFalse(Files.exists(marker));
        store = reopen();
    }
}
