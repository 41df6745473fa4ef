// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.SearchHit;

class SearchTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private ConversationStore store;
    private Conversation weather;
    private Conversation python;
    private Conversation travel;
    private Message weatherReply;

    @BeforeEach
    void fill() {
        store = ConversationStore.open(dir.resolve("conversations.db"), StoreOptions.DEFAULTS.withClock(clock));
        weather = conversation("天气", "北京今天的天气怎么样？", "北京今天晴，最高气温 12°C。");
        weatherReply = store.messages(weather.id()).getLast();
        python = conversation(
                "Python help", "How do I reverse a list in Python?", "Use `items.reverse()` or `items[::-1]`.");
        travel = conversation("旅行计划", "我想去上海和杭州玩三天", "第一天可以去外滩，50% 的游客会去。");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Conversation conversation(String title, String question, String answer) {
        clock.advance(Duration.ofMinutes(1));
        Conversation conversation = store.create(title, Optional.empty());
        store.append(Message.user(conversation.id(), question, clock.instant()));
        store.append(Message.mossReply(conversation.id(), clock.instant()).withText(answer));
        return conversation;
    }

    private List<Long> ids(String query) {
        return store.search(query, 10).stream().map(SearchHit::conversationId).toList();
    }

    @Test
    void a_chinese_substring_of_three_characters_is_found_through_the_index() {
        assertEquals(List.of(weather.id()), ids("今天晴"));
    }

    @Test
    void a_two_character_chinese_word_is_found_too() {
        assertEquals(List.of(weather.id()), ids("北京"));
        assertEquals(List.of(travel.id()), ids("杭州"));
    }

    @Test
    void a_single_character_is_found() {
        assertEquals(List.of(travel.id(), weather.id()), ids("天"));
    }

    @Test
    void english_is_found_regardless_of_case() {
        assertEquals(List.of(python.id()), ids("REVERSE"));
        assertEquals(List.of(python.id()), ids("py"));
    }

    @Test
    void every_term_must_occur_in_the_same_message() {
        assertEquals(List.of(weather.id()), ids("北京 12°C"));
        assertEquals(List.of(), ids("北京 Python"));
    }

    @Test
    void a_title_match_finds_the_conversation_and_says_so() {
        SearchHit hit = store.search("计划", 10).getFirst();
        assertEquals(travel.id(), hit.conversationId());
        assertTrue(hit.titleMatched());
        assertEquals("旅行计划", hit.snippet());
        assertEquals(List.of(new SearchHit.Span(2, 4)), hit.highlights());
    }

    @Test
    void a_message_hit_names_the_latest_matching_message_and_highlights_the_terms() {
        SearchHit hit = store.search("北京 晴", 10).getFirst();
        assertEquals(weatherReply.id(), hit.messageId());
        assertEquals("北京今天晴，最高气温 12°C。", hit.snippet());
        assertEquals(List.of(new SearchHit.Span(0, 2), new SearchHit.Span(4, 5)), hit.highlights());
    }

    @Test
    void a_long_message_gives_a_one_line_excerpt_around_the_match() {
        Conversation conversation = store.create("long", Optional.empty());
        String text = "lorem ipsum\n".repeat(40) + "the needle is here" + " dolor sit amet".repeat(40);
        store.append(Message.user(conversation.id(), text, clock.instant()));

        SearchHit hit = store.search("needle", 10).getFirst();

        assertTrue(hit.snippet().startsWith("…"), hit.snippet());
        assertTrue(hit.snippet().endsWith("…"), hit.snippet());
        assertTrue(!hit.snippet().contains("\n"), hit.snippet());
        SearchHit.Span span = hit.highlights().getFirst();
        assertEquals("needle", hit.snippet().substring(span.start(), span.end()));
    }

    @Test
    void characters_that_mean_something_to_sql_or_fts_are_plain_text() {
        assertEquals(List.of(travel.id()), ids("50%"));
        assertEquals(List.of(travel.id()), ids("%"));
        assertEquals(List.of(), ids("_"));
        assertEquals(List.of(python.id()), ids("items[::-1]"));
        assertEquals(List.of(), ids("\"OR\" NOT *"));
        assertEquals(List.of(python.id()), ids("`items.reverse()`"));
    }

    @Test
    void deleted_conversations_are_not_found() {
        store.delete(weather.id());
        assertEquals(List.of(), ids("北京"));
        assertEquals(List.of(), ids("今天晴"));
    }

    @Test
    void a_renamed_conversation_is_found_by_its_new_title_only() {
        store.rename(python.id(), "列表反转");
        assertEquals(List.of(python.id()), ids("列表反转"));
        assertEquals(List.of(), ids("Python help"));
    }

    @Test
    void an_edited_message_is_found_by_its_new_text_only() {
        Message reply = store.messages(python.id()).getLast();
        store.finishReply(reply.withText("Use reversed(items)."));
        assertEquals(List.of(python.id()), ids("reversed"));
        assertEquals(List.of(), ids("[::-1]"));
    }

    @Test
    void hits_come_in_list_order_and_stop_at_the_limit() {
        store.setPinned(weather.id(), true);
        assertEquals(List.of(weather.id(), travel.id()), ids("天"));
        assertEquals(1, store.search("天", 1).size());
    }

    @Test
    void a_blank_query_finds_nothing() {
        assertEquals(List.of(), ids("   "));
    }
}
