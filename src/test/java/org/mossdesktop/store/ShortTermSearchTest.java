// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Terms of one or two characters, found through the short-term index (see {@link ShortTerms}). */
class ShortTermSearchTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private ConversationStore store;

    @BeforeEach
    void open() {
        store = ConversationStore.open(database(), StoreOptions.DEFAULTS.withClock(clock));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Path database() {
        return dir.resolve("conversations.db");
    }

    private Conversation conversation(String title, String... texts) {
        clock.advance(Duration.ofMinutes(1));
        Conversation conversation = store.create(title, Optional.empty());
        for (String text : texts) {
            store.append(Message.user(conversation.id(), text, clock.instant()));
        }
        return conversation;
    }

    private List<Long> ids(String query) {
        return store.search(query, 10).stream().map(SearchHit::conversationId).toList();
    }

    @Test
    void a_single_chinese_character_is_found_in_the_middle_of_a_longer_run() {
        Conversation trip = conversation("trip", "我下周去北京出差");
        assertEquals(List.of(trip.id()), ids("京"));
        assertEquals(List.of(trip.id()), ids("周"));
    }

    @Test
    void two_chinese_characters_are_found_anywhere_in_a_run_not_only_as_a_word() {
        Conversation trip = conversation("trip", "我下周去北京出差");
        assertEquals(List.of(trip.id()), ids("北京"));
        assertEquals(List.of(trip.id()), ids("京出"));
    }

    @Test
    void two_chinese_characters_that_occur_only_apart_are_not_found() {
        conversation("trip", "我下周去北京出差");
        assertEquals(List.of(), ids("北差"));
        assertEquals(List.of(), ids("京北"));
    }

    @Test
    void a_short_chinese_term_that_occurs_nowhere_finds_nothing() {
        conversation("trip", "我下周去北京出差");
        assertEquals(List.of(), ids("鲸鱼"));
        assertEquals(List.of(), ids("鲸"));
    }

    @Test
    void japanese_and_korean_are_matched_like_chinese() {
        Conversation japanese = conversation("日本語", "きょうはいい天気です");
        Conversation korean = conversation("한국어", "오늘은날씨가좋아요");
        assertEquals(List.of(japanese.id()), ids("いい"));
        assertEquals(List.of(korean.id()), ids("날씨"));
    }

    @Test
    void a_short_latin_term_finds_the_words_it_begins_not_the_words_it_is_inside() {
        Conversation news = conversation("news", "The AI lab aims high.");
        conversation("travel", "She said the train to Shanghai was late.");
        assertEquals(List.of(news.id()), ids("ai"));
        assertEquals(List.of(news.id()), ids("a"));
        assertEquals(List.of(), ids("ha"));
    }

    @Test
    void a_short_latin_term_is_found_regardless_of_case() {
        Conversation news = conversation("news", "The AI lab aims high.");
        assertEquals(List.of(news.id()), ids("Ai"));
        assertEquals(List.of(news.id()), ids("LA"));
    }

    @Test
    void a_short_number_finds_the_numbers_it_begins() {
        Conversation weather = conversation("weather", "最高气温 12°C，2025 年最暖的一天。");
        assertEquals(List.of(weather.id()), ids("12"));
        assertEquals(List.of(weather.id()), ids("20"));
        assertEquals(List.of(), ids("25"));
    }

    @Test
    void a_word_written_right_after_chinese_characters_starts_there() {
        Conversation code = conversation("code", "请用Python写一个函数");
        assertEquals(List.of(code.id()), ids("py"));
        assertEquals(List.of(code.id()), ids("用"));
    }

    @Test
    void a_letter_or_digit_next_to_a_chinese_character_is_found_as_a_substring() {
        Conversation shopping = conversation("shopping", "我买了一个U盘，放在3号柜子里");
        assertEquals(List.of(shopping.id()), ids("U盘"));
        assertEquals(List.of(shopping.id()), ids("u盘"));
        assertEquals(List.of(shopping.id()), ids("3号"));
        assertEquals(List.of(shopping.id()), ids("个U"));
        assertEquals(List.of(), ids("A股"));
    }

    @Test
    void a_short_term_with_a_symbol_in_it_is_still_matched_anywhere() {
        Conversation code = conversation("code", "我会写ABC#和 C++ 代码");
        assertEquals(List.of(code.id()), ids("C#"));
        assertEquals(List.of(code.id()), ids("+"));
        assertEquals(List.of(), ids("C-"));
    }

    @Test
    void short_and_long_terms_together_must_all_occur_in_the_same_message() {
        Conversation weather = conversation("weather", "北京今天的天气很好", "上海明天下雨");
        Conversation code = conversation("code", "Python 函数的返回值", "the AI said hello");
        assertEquals(List.of(weather.id()), ids("天气 北京"));
        assertEquals(List.of(), ids("天气 上海"));
        assertEquals(List.of(code.id()), ids("返回值 py 函"));
        assertEquals(List.of(code.id()), ids("hello ai"));
        assertEquals(List.of(), ids("hello 函"));
        assertEquals(List.of(), ids("hello id"));
    }

    @Test
    void a_short_term_and_a_term_with_a_symbol_together_must_occur_in_the_same_message() {
        Conversation code = conversation("code", "我会写 C# 代码", "我会写 Java 代码");
        assertEquals(List.of(code.id()), ids("C# 写"));
        assertEquals(List.of(), ids("C# ja"));
    }

    @Test
    void a_short_term_in_a_title_follows_the_same_rules() {
        Conversation news = conversation("AI 新闻");
        conversation("Said and done");
        SearchHit hit = store.search("ai", 10).getFirst();
        assertEquals(news.id(), hit.conversationId());
        assertTrue(hit.titleMatched());
        assertEquals(List.of(news.id()), ids("ai"));
        assertEquals(List.of(news.id()), ids("闻"));
    }

    @Test
    void a_renamed_conversation_is_found_by_the_short_terms_of_its_new_title_only() {
        Conversation trip = conversation("北京出差");
        store.rename(trip.id(), "上海旅行");
        assertEquals(List.of(trip.id()), ids("海"));
        assertEquals(List.of(), ids("京"));
    }

    @Test
    void a_streamed_reply_is_found_by_the_short_terms_of_its_latest_text_only() {
        Conversation chat = conversation("chat", "你好");
        Message reply =
                store.append(Message.mossReply(chat.id(), clock.instant()).withText("北京"));
        store.updateReply(reply.withText("北京天"));
        store.finishReply(reply.withText("上海下雨了"));
        assertEquals(List.of(chat.id()), ids("下雨"));
        assertEquals(List.of(), ids("北京"));
    }

    @Test
    void messages_deleted_from_a_conversation_are_no_longer_found_by_short_terms() {
        Conversation chat = conversation("chat", "你好", "北京天气", "上海天气");
        List<Message> messages = store.messages(chat.id());
        store.deleteFrom(messages.get(1).id());
        assertEquals(List.of(), ids("北京"));
        assertEquals(List.of(), ids("海"));
        assertEquals(List.of(chat.id()), ids("你"));
    }

    @Test
    void a_replaced_message_is_found_by_its_replacement_only() {
        Conversation chat = conversation("chat", "你好", "北京天气");
        Message old = store.messages(chat.id()).getLast();
        store.replaceFrom(old.id(), Message.user(chat.id(), "杭州天气", clock.instant()));
        assertEquals(List.of(), ids("北京"));
        assertEquals(List.of(chat.id()), ids("杭州"));
    }

    @Test
    void a_conversation_deleted_for_good_leaves_nothing_in_the_short_term_indexes() {
        Conversation chat = conversation("北京", "北京天气");
        store.delete(chat.id());
        assertEquals(List.of(), ids("北京"));
        store.close();

        assertEquals("0", shortTermHits("message_short_search", "北京"));
        assertEquals("0", shortTermHits("title_short_search", "北京"));
    }

    @Test
    void a_short_latin_term_highlights_only_the_words_it_begins() {
        conversation("news", "She said the AI aims high.");
        SearchHit hit = store.search("ai", 10).getFirst();
        assertFalse(hit.titleMatched());
        assertEquals(List.of(new SearchHit.Span(13, 15), new SearchHit.Span(16, 18)), hit.highlights());
    }

    @Test
    void a_short_chinese_term_highlights_every_occurrence() {
        conversation("news", "北京，北京");
        SearchHit hit = store.search("京", 10).getFirst();
        assertEquals(List.of(new SearchHit.Span(1, 2), new SearchHit.Span(4, 5)), hit.highlights());
    }

    private String shortTermHits(String index, String term) {
        return SqliteFile.single(
                database(),
                "SELECT count(*) FROM " + index + " WHERE " + index + " MATCH '\"" + ShortTerms.token(term) + "\"'");
    }
}
