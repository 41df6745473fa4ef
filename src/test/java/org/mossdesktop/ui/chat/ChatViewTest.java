// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mossdesktop.chat.Role;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ChatViewTest {

    private final InMemoryChat backend = new InMemoryChat();
    private final List<String> opened = new ArrayList<>();
    private ChatViewModel model;

    @Start
    void start(Stage stage) {
        I18n i18n = new I18n();
        i18n.setLocale(Locale.ENGLISH);
        model = new ChatViewModel(backend);
        model.setNewConversation(created -> created.accept(1));
        model.show(1);
        ChatView view = new ChatView(model, i18n, opened::add);
        Scene scene = new Scene(view.root(), 900, 700);
        Theme.LIGHT.apply();
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        view.focusComposer();
    }

    @BeforeEach
    void conversationShown() {
        Await.background();
    }

    @AfterEach
    void releaseReplies() {
        backend.releaseReads();
        backend.release();
    }

    @Test
    void enter_sends_and_the_reply_streams_in_and_finishes(FxRobot robot) {
        robot.clickOn("#composer").write("Hello MOSS").type(KeyCode.ENTER);

        await(() ->
                !model.getMessages().isEmpty() && !model.getMessages().getLast().isStreaming());
        assertEquals(List.of("send 1 Hello MOSS"), backend.calls());
        assertEquals("Hello MOSS", model.getMessages().get(0).getText());
        assertEquals("You said: Hello MOSS", model.getMessages().get(1).getText());
        assertEquals(
                FinishReason.EOM,
                model.getMessages().get(1).infoProperty().get().finishReason());
        assertEquals("", robot.lookup("#composer").queryAs(TextArea.class).getText());
        assertTrue(robot.lookup(".message-moss").queryAll().stream()
                .anyMatch(n -> texts(n).contains("You said: Hello MOSS")));
    }

    @Test
    void a_reply_keeps_streaming_into_view_across_a_garbage_collection(FxRobot robot) {
        backend.replyWith(text -> "one two three four five six");
        backend.hold();
        robot.clickOn("#composer").write("Count").type(KeyCode.ENTER);
        await(() -> model.getMessages().size() == 2
                && model.getMessages().get(1).getText().equals("one"));

        // Listeners on a view of the reply's blocks that nobody kept would be gone after this.
        System.gc();
        backend.release();

        await(() -> !model.getMessages().get(1).isStreaming());
        String shown = robot.lookup(".message-body").queryAll().stream()
                .filter(Node::isVisible)
                .map(ChatViewTest::texts)
                .reduce("", String::concat);
        assertTrue(shown.contains("one two three four five six"), shown);
    }

    @Test
    void a_growing_block_is_drawn_in_place_and_the_rows_below_make_room(FxRobot robot) {
        String words = String.join(" ", Collections.nCopies(90, "word"));
        backend.replyWith(text -> words);
        backend.hold();
        robot.clickOn("#composer").write("Write").type(KeyCode.ENTER);
        await(() -> model.getMessages().size() == 2
                && model.getMessages().get(1).getText().equals("word"));
        WaitForAsyncUtils.waitForFxEvents();
        Node block = visible(robot, ".message-moss.message-body");
        double oneLine = block.getLayoutBounds().getHeight();
        List<Object> scenes = new ArrayList<>();
        robot.interact(() -> block.sceneProperty().addListener((o, old, now) -> scenes.add(now)));

        backend.release();
        await(() -> !model.getMessages().get(1).isStreaming());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of(), scenes, "the block's row stayed in the window while it grew");
        assertEquals(words, texts(block));
        Bounds grown = block.localToScene(block.getLayoutBounds());
        Node footerNode = visible(robot, ".message-moss.message-footer");
        Bounds footer = footerNode.localToScene(footerNode.getLayoutBounds());
        assertTrue(grown.getHeight() > 2 * oneLine, grown.getHeight() + " px tall, one line " + oneLine);
        assertTrue(footer.getMinY() >= grown.getMaxY() - 0.5, "the footer " + footer + " is below " + grown);
    }

    private static Node visible(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream()
                .filter(Node::isVisible)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_conversation_is_read_off_the_fx_thread_and_enter_pressed_meanwhile_still_sends(FxRobot robot) {
        backend.add(4, Role.USER, "Earlier question");
        backend.add(4, Role.MOSS, "Earlier answer");
        backend.holdReads();
        robot.interact(() -> model.show(4));

        assertTrue(model.getMessages().isEmpty(), "nothing is shown before the store answers");
        robot.clickOn("#composer").write("Next question").type(KeyCode.ENTER);
        assertTrue(backend.calls().isEmpty());

        backend.releaseReads();
        await(() ->
                model.getMessages().size() == 4 && !model.getMessages().get(3).isStreaming());
        assertEquals("Earlier question", model.getMessages().get(0).getText());
        assertEquals("Next question", model.getMessages().get(2).getText());
        assertEquals(List.of("send 4 Next question"), backend.calls());
    }

    @Test
    void shift_enter_starts_a_new_line_instead_of_sending(FxRobot robot) {
        robot.clickOn("#composer").write("first");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("second");

        assertEquals(
                "first\nsecond",
                robot.lookup("#composer").queryAs(TextArea.class).getText());
        assertTrue(backend.calls().isEmpty());
    }

    @Test
    void stop_keeps_what_moss_wrote_and_marks_the_reply_stopped(FxRobot robot) {
        backend.replyWith(text -> "one two three four five");
        backend.hold();
        robot.clickOn("#composer").write("Count").type(KeyCode.ENTER);
        await(() -> model.getMessages().size() == 2
                && model.getMessages().get(1).getText().equals("one"));
        assertTrue(robot.lookup("#stop").query().isVisible());

        robot.clickOn("#stop");

        MessageItem reply = model.getMessages().get(1);
        await(() -> !reply.isStreaming());
        assertEquals(FinishReason.CANCELLED, reply.infoProperty().get().finishReason());
        assertTrue(reply.getText().startsWith("one"));
        assertFalse(model.generatingProperty().get());
        assertTrue(robot.lookup(".message-details").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("stopped")));
    }

    @Test
    void escape_stops_and_the_composer_keeps_a_draft_written_meanwhile(FxRobot robot) {
        backend.hold();
        robot.clickOn("#composer").write("Tell me a story").type(KeyCode.ENTER);
        await(() -> model.generatingProperty().get());

        robot.write("next question").type(KeyCode.ENTER);
        assertEquals(
                "next question",
                robot.lookup("#composer").queryAs(TextArea.class).getText());
        assertEquals(1, backend.calls().size());

        robot.type(KeyCode.ESCAPE);
        await(() -> !model.generatingProperty().get());
        assertEquals(
                "next question",
                robot.lookup("#composer").queryAs(TextArea.class).getText());
    }

    @Test
    void regenerate_replaces_the_last_reply(FxRobot robot) {
        backend.add(1, Role.USER, "Hi");
        backend.add(1, Role.MOSS, "An old answer");
        robot.interact(model::reload);
        backend.replyWith(text -> "A new answer");

        assertFalse(
                robot.lookup("#regenerate").query().isDisabled(),
                "regenerate disabled; messages " + model.getMessages());
        robot.clickOn("#regenerate");

        await(() ->
                model.getMessages().size() == 2 && !model.getMessages().get(1).isStreaming());
        assertEquals("A new answer", model.getMessages().get(1).getText());
        assertEquals(List.of("regenerate 1"), backend.calls());
        assertEquals(2, backend.stored(1).size());
    }

    @Test
    void editing_a_sent_message_asks_before_replacing_the_later_turns(FxRobot robot) {
        backend.add(1, Role.USER, "What is 2+2?");
        backend.add(1, Role.MOSS, "4");
        backend.add(1, Role.USER, "And 3+3?");
        backend.add(1, Role.MOSS, "6");
        robot.interact(model::reload);
        long firstId = model.getMessages().getFirst().id();

        robot.clickOn(robot.lookup(".action-edit").queryAll().iterator().next());
        assertTrue(robot.lookup("#editBanner").query().isVisible());
        TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
        assertEquals("What is 2+2?", composer.getText());
        robot.clickOn("#composer").type(KeyCode.END).eraseText(4).write("5+5?").type(KeyCode.ENTER);

        assertTrue(robot.lookup("#replaceBanner").query().isVisible());
        assertTrue(
                robot.lookup("#replaceQuestion").queryAs(Label.class).getText().contains("3 messages"));
        assertTrue(backend.calls().isEmpty());
        robot.clickOn("#confirmReplace");

        await(() ->
                model.getMessages().size() == 2 && !model.getMessages().get(1).isStreaming());
        assertEquals(List.of("edit 1 " + firstId + " What is 5+5?"), backend.calls());
        assertEquals("What is 5+5?", model.getMessages().get(0).getText());
        assertEquals("You said: What is 5+5?", model.getMessages().get(1).getText());
        assertEquals(2, backend.stored(1).size());
    }

    @Test
    void markdown_replies_show_code_with_a_copy_button_tables_and_citation_links(FxRobot robot) {
        backend.withPlugins(
                "The user asks about MOSS; search.",
                List.of(new ToolResult.Snippet("MOSS", "https://example.org/moss", "MOSS is a model.")));
        backend.replyWith(
                text ->
                        "# Answer\n\nMOSS is a model<sup><|1|></sup>.\n\n```java\nint x = 1; // 注释\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        robot.clickOn("#composer").write("What is MOSS?").type(KeyCode.ENTER);
        await(() ->
                model.getMessages().size() == 2 && !model.getMessages().get(1).isStreaming());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(1, robot.lookup(".md-code-copy").queryAll().size());
        assertEquals("int x = 1; // 注释", robot.lookup(".md-code-block").query().getUserData());
        assertEquals(1, robot.lookup(".md-table").queryAll().size());
        assertEquals(
                4, ((GridPane) robot.lookup(".md-table").query()).getChildren().size());
        Hyperlink citation = robot.lookup(".md-citation").queryAs(Hyperlink.class);
        assertEquals("[1]", citation.getText());
        robot.interact(citation::fire);
        assertEquals(List.of("https://example.org/moss"), opened);
        TitledPane thoughts = (TitledPane) visible(robot, ".section-innerThoughts");
        assertFalse(thoughts.isExpanded());
        assertEquals("Inner thoughts", thoughts.getText());
    }

    @Test
    void the_plugin_sections_are_titled_in_the_small_secondary_text_not_above_the_message(FxRobot robot) {
        backend.withPlugins(
                "The user asks about MOSS; search.",
                List.of(new ToolResult.Snippet("MOSS", "https://example.org/moss", "MOSS is a model.")));
        robot.clickOn("#composer").write("What is MOSS?").type(KeyCode.ENTER);
        await(() ->
                model.getMessages().size() == 2 && !model.getMessages().get(1).isStreaming());

        TitledPane thoughts = (TitledPane) visible(robot, ".section-innerThoughts");
        double title = ((javafx.scene.text.Text) thoughts.lookup(".title > .text"))
                .getFont()
                .getSize();
        double details =
                robot.lookup(".message-details").queryAs(Label.class).getFont().getSize();
        double message = robot.lookup(".message-moss .markdown Text")
                .queryAs(javafx.scene.text.Text.class)
                .getFont()
                .getSize();

        assertTrue(title < message, "section title " + title + " px, message " + message + " px");
        assertEquals(details, title, 0.5, "the section title is sized like the reply's details");
    }

    @Test
    void a_reloaded_reply_links_its_citation_to_the_saved_source(FxRobot robot) {
        backend.add(3, Role.USER, "Is MOSS open source?");
        backend.add(
                3,
                Role.MOSS,
                "Yes<sup><|1|></sup>.",
                new Citations(new TreeMap<>(
                        Map.of(1, new ToolResult.Snippet("MOSS", "https://example.org/moss", "MOSS is open.")))));

        robot.interact(() -> model.show(3));
        Await.background();

        Hyperlink citation = robot.lookup(".md-citation").queryAs(Hyperlink.class);
        assertEquals("[1]", citation.getText());
        assertFalse(citation.isDisabled());
        assertEquals("https://example.org/moss", citation.getTooltip().getText());
        robot.interact(citation::fire);
        assertEquals(List.of("https://example.org/moss"), opened);
    }

    @Test
    void a_cited_reply_still_links_after_switching_conversations_and_back(FxRobot robot) {
        backend.withPlugins(
                "The user asks about MOSS; search.",
                List.of(new ToolResult.Snippet("MOSS", "https://example.org/moss", "MOSS is a model.")));
        backend.replyWith(text -> "MOSS is a model<sup><|1|></sup>.");
        robot.clickOn("#composer").write("What is MOSS?").type(KeyCode.ENTER);
        await(() ->
                model.getMessages().size() == 2 && !model.getMessages().get(1).isStreaming());

        robot.interact(() -> model.show(2));
        robot.interact(() -> model.show(1));
        Await.background();

        Hyperlink citation = robot.lookup(".md-citation").queryAs(Hyperlink.class);
        robot.interact(citation::fire);
        assertEquals(List.of("https://example.org/moss"), opened);
    }

    @Test
    void five_hundred_messages_are_virtualised(FxRobot robot) {
        for (int i = 0; i < 250; i++) {
            backend.add(1, Role.USER, "Question " + i);
            backend.add(1, Role.MOSS, "Answer **" + i + "** with a [link](https://example.org/" + i + ").");
        }
        robot.interact(model::reload);
        Await.background();

        assertEquals(500, model.getMessages().size());
        int parts = robot.lookup(".message-part").queryAll().size();
        assertTrue(parts > 0 && parts < 100, parts + " message rows exist for 500 messages");
    }

    @Test
    void switching_conversations_while_moss_writes_keeps_the_reply_in_its_own_conversation(FxRobot robot) {
        backend.hold();
        robot.clickOn("#composer").write("In one").type(KeyCode.ENTER);
        await(() -> model.generatingProperty().get());
        MessageItem reply = model.getMessages().get(1);

        robot.interact(() -> model.show(2));
        assertTrue(model.getMessages().isEmpty());
        backend.release();
        await(() -> !reply.isStreaming());
        assertTrue(model.getMessages().isEmpty());
        assertEquals(2, backend.stored(1).size());

        robot.interact(() -> model.show(1));
        Await.background();
        assertEquals("You said: In one", model.getMessages().get(1).getText());
    }

    static void await(BooleanSupplier condition) {
        org.mossdesktop.ui.Await.until(condition);
    }

    static String texts(Node node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(Node node, StringBuilder out) {
        if (node instanceof javafx.scene.text.Text t) {
            out.append(t.getText());
        } else if (node instanceof Label l) {
            out.append(l.getText());
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }
}
