// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.ReplyEvent.Part;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.ModelDirectory;
import org.mossdesktop.engine.PipelineOptions;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.plugins.Calculator;
import org.mossdesktop.plugins.Plugin;
import org.mossdesktop.plugins.PluginRunner;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.StoreOptions;

/** The chat flow on the real demo model and a real SQLite store. */
class ConversationServiceTest {

    private static LoadedModel demo;

    @TempDir
    Path dir;

    private ConversationStore store;
    private ConversationService service;

    @BeforeAll
    static void loadDemoModel() {
        demo = LoadedModel.loadOnCpu(
                ModelDirectory.open(DemoModel.locate()), PipelineOptions.DEFAULTS, Optional.empty());
    }

    @AfterAll
    static void closeDemoModel() {
        demo.close();
    }

    @BeforeEach
    void open() {
        store = ConversationStore.open(dir.resolve("conversations.db"), StoreOptions.DEFAULTS);
        service = new ConversationService(store, Clock.systemUTC());
        service.useModel(Optional.of(demo));
    }

    @AfterEach
    void close() {
        service.close();
        store.close();
    }

    @Test
    void a_reply_streams_and_is_saved_with_how_it_was_generated() throws Exception {
        Conversation chat = store.create("", Optional.of(greedy(48)));
        Events events = new Events();

        Message reply = service.send(chat.id(), "Hello!", events).done().get(60, TimeUnit.SECONDS);

        List<Message> saved = store.messages(chat.id());
        assertEquals(2, saved.size());
        assertEquals("Hello!", saved.get(0).text());
        assertEquals(reply.id(), saved.get(1).id());
        assertEquals(events.text(Part.REPLY), saved.get(1).text());
        assertFalse(saved.get(1).text().isBlank());
        ReplyInfo info = saved.get(1).reply().orElseThrow();
        assertTrue(
                info.finishReason() == FinishReason.EOM || info.finishReason() == FinishReason.MAX_TOKENS,
                info.toString());
        assertTrue(info.promptTokens() > 0 && info.generatedTokens() > 0, info.toString());
        assertEquals(demo.manifest().name(), info.modelName());
        assertInstanceOf(ReplyEvent.UserSaved.class, events.all.getFirst());
        assertInstanceOf(ReplyEvent.Finished.class, events.all.getLast());
    }

    @Test
    void a_plugin_turn_runs_the_calculator_and_the_answer_uses_its_result() throws Exception {
        Events events = new Events();

        Message reply = pluginTurn(new Calculator(), "What is 37 times 12?", events);

        assertEquals("Calculate(\"37*12\")", reply.commands());
        assertEquals("Calculate(\"37*12\") => '444'", reply.results());
        assertTrue(reply.text().contains("444"), "the answer uses the calculator's result: " + reply.text());
        assertEquals(
                reply, store.messages(reply.conversationId()).getLast(), "thoughts, commands and results are saved");
        assertEquals(reply.commands(), events.text(Part.COMMANDS), "the commands streamed as MOSS wrote them");
        assertFalse(events.text(Part.INNER_THOUGHTS).isBlank());
    }

    @Test
    void a_chinese_plugin_turn_answers_in_chinese_with_the_calculators_result() throws Exception {
        Message reply = pluginTurn(new Calculator(), "请帮我算一下128加256。", new Events());

        assertEquals("Calculate(\"128+256\") => '384'", reply.results());
        assertTrue(
                reply.text().contains("384") && reply.text().codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
                reply.text());
    }

    @Test
    void the_sources_of_a_search_turn_are_saved_with_the_reply() throws Exception {
        // The demo model only ever calls the calculator; a calculator that answers with search hits gives its
        // turn sources the way Search would, without the network.
        List<ToolResult.Snippet> hits = List.of(
                new ToolResult.Snippet("Multiplication", "https://example.com/times", "37 times 12 is 444."),
                new ToolResult.Snippet("乘法", "https://example.com/乘法", "三十七乘十二等于四百四十四。"));
        Plugin searchingCalculator = new Plugin() {
            @Override
            public Tool tool() {
                return Tool.CALCULATOR;
            }

            @Override
            public ToolResult run(String argument) {
                return new ToolResult.Snippets(hits);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
        Events events = new Events();

        Message reply = pluginTurn(searchingCalculator, "What is 37 times 12?", events);

        Citations expected = new Citations(new TreeMap<>(Map.of(1, hits.get(0), 2, hits.get(1))));
        assertEquals(expected, reply.citations());
        assertEquals(expected, store.messages(reply.conversationId()).getLast().citations());
        assertTrue(events.all.contains(new ReplyEvent.Sources(expected)));
    }

    /** One greedy turn of the plugin demo model in a new conversation, with {@code plugin} as its only tool. */
    private Message pluginTurn(Plugin plugin, String question, Events events) throws Exception {
        try (PluginRunner tools = new PluginRunner(List.of(plugin))) {
            service.useTools(Optional.of(tools));
            Conversation chat = store.create("", Optional.of(greedy(96)));
            return service.send(chat.id(), question, events).done().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_first_message_names_an_untitled_conversation() throws Exception {
        Conversation chat = store.create("", Optional.of(greedy(4)));
        service.send(chat.id(), "What is the capital of France?", new Events())
                .done()
                .get(60, TimeUnit.SECONDS);
        assertEquals(
                "What is the capital of France?",
                store.find(chat.id()).orElseThrow().title());
    }

    @Test
    void stopping_keeps_what_was_written_and_finishes_as_cancelled() throws Exception {
        Conversation chat = store.create("t", Optional.of(greedy(200)));
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Events events = new Events() {
            @Override
            public void accept(ReplyEvent event) {
                super.accept(event);
                if (event instanceof ReplyEvent.Progress p && p.generatedTokens() == 2) {
                    reply.join().stop();
                }
            }
        };
        reply.complete(service.send(chat.id(), "Tell me a long story about the sea.", events));
        Message saved = reply.join().done().get(60, TimeUnit.SECONDS);
        assertEquals(FinishReason.CANCELLED, saved.reply().orElseThrow().finishReason());
        assertEquals(saved.text(), store.messages(chat.id()).getLast().text(), "the stopped reply is saved as it was");
        assertTrue(
                saved.reply().orElseThrow().generatedTokens() <= 3,
                saved.reply().toString());
    }

    @Test
    void regenerate_replaces_the_last_reply() throws Exception {
        Conversation chat = store.create("t", Optional.of(greedy(16)));
        service.send(chat.id(), "Hi", new Events()).done().get(60, TimeUnit.SECONDS);
        Events again = new Events();

        Message regenerated = service.regenerate(chat.id(), again).done().get(60, TimeUnit.SECONDS);

        List<Message> messages = store.messages(chat.id());
        assertEquals(
                List.of(Role.USER, Role.MOSS),
                messages.stream().map(Message::role).toList());
        assertEquals(regenerated, messages.getLast());
        assertInstanceOf(ReplyEvent.Started.class, again.all.getFirst(), "no user message is saved again");
    }

    @Test
    void edit_and_resend_drops_the_later_turns() throws Exception {
        Conversation chat = store.create("t", Optional.of(greedy(8)));
        service.send(chat.id(), "First question", new Events()).done().get(60, TimeUnit.SECONDS);
        service.send(chat.id(), "Second question", new Events()).done().get(60, TimeUnit.SECONDS);
        long firstQuestion = store.messages(chat.id()).getFirst().id();

        service.editAndResend(chat.id(), firstQuestion, "Another first question", new Events())
                .done()
                .get(60, TimeUnit.SECONDS);

        List<Message> messages = store.messages(chat.id());
        assertEquals(2, messages.size());
        assertEquals("Another first question", messages.getFirst().text());
        assertEquals(Role.MOSS, messages.getLast().role());
    }

    @Test
    void without_a_model_the_user_is_told_and_their_message_is_kept() throws Exception {
        service.useModel(Optional.empty());
        Conversation chat = store.create("t", Optional.empty());
        Events events = new Events();
        Reply reply = service.send(chat.id(), "Anyone there?", events);
        try {
            reply.done().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // the failure is reported as an event too
        }
        assertEquals("Anyone there?", store.messages(chat.id()).getFirst().text(), "the user's message is never lost");
        assertInstanceOf(ReplyEvent.Failed.class, events.all.getLast());
    }

    @Test
    void replies_stay_with_their_conversation_when_two_are_asked_at_once() throws Exception {
        Conversation a = store.create("a", Optional.of(greedy(12)));
        Conversation b = store.create("b", Optional.of(greedy(12)));
        Reply first = service.send(a.id(), "Hello", new Events());
        Reply second = service.send(b.id(), "你好", new Events());
        first.done().get(60, TimeUnit.SECONDS);
        second.done().get(60, TimeUnit.SECONDS);
        assertEquals("Hello", store.messages(a.id()).getFirst().text());
        assertEquals("你好", store.messages(b.id()).getFirst().text());
        assertEquals(2, store.messages(a.id()).size());
        assertEquals(2, store.messages(b.id()).size());
    }

    @Test
    void history_pairs_each_user_message_with_the_reply_that_answered_it() {
        Instant now = Instant.EPOCH;
        Message q1 = Message.user(1, "q1", now);
        Message a1 = Message.mossReply(1, now).withText("a1").withPluginSteps("think", "Calculate(\"1+1\")", "r");
        Message unanswered = Message.user(1, "lost", now);
        Message q2 = Message.user(1, "q2", now);
        Message a2 = Message.mossReply(1, now).withText("a2");

        var turns = ConversationService.turns(List.of(q1, a1, unanswered, q2, a2));

        assertEquals(2, turns.size());
        assertEquals("q1", turns.get(0).human());
        assertEquals(Optional.of("think"), turns.get(0).innerThoughts());
        assertEquals(Optional.of("r"), turns.get(0).results());
        assertEquals(Optional.empty(), turns.get(1).commands());
        assertEquals("a2", turns.get(1).reply());
    }

    @Test
    void a_title_is_the_first_line_shortened_by_characters_not_bytes() {
        assertEquals("Hello", ConversationService.titleFor("  Hello\nsecond line"));
        String chinese = "请".repeat(60);
        assertEquals("请".repeat(39) + "…", ConversationService.titleFor(chinese));
    }

    static GenerationSettings greedy(int maxTokens) {
        return new GenerationSettings(0.7, 0.8, 40, 1.02, maxTokens, true, OptionalLong.of(1));
    }

    static class Events implements java.util.function.Consumer<ReplyEvent> {
        final List<ReplyEvent> all = new CopyOnWriteArrayList<>();

        @Override
        public void accept(ReplyEvent event) {
            all.add(event);
        }

        String text(Part part) {
            return all.stream()
                    .filter(e -> e instanceof ReplyEvent.Delta d && d.part() == part)
                    .map(e -> ((ReplyEvent.Delta) e).text())
                    .collect(Collectors.joining());
        }
    }
}
