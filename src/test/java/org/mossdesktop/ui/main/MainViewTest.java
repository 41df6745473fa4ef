// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Role;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.InMemoryChat;
import org.mossdesktop.ui.conversations.ConversationListViewModel;
import org.mossdesktop.ui.conversations.InMemoryLibrary;
import org.mossdesktop.ui.settings.FakeModels;
import org.mossdesktop.ui.settings.InMemorySettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    // The sample library's rows, grouped by date as the list shows them.
    private static final List<String> GROUPED_ROWS = List.of(
            "Pinned", "Rust lifetimes", "Yesterday", "Trip to Hangzhou", "Previous 7 days", "A poem about rain");

    private final InMemoryChat chat = new InMemoryChat();
    private final InMemoryLibrary library = new InMemoryLibrary(CLOCK, chat::stored);
    private final InMemorySettings settings = new InMemorySettings();
    private final FakeModels models = new FakeModels(
            List.of(FakeModels.cpu(), FakeModels.gpu(0, 80, 70), FakeModels.gpu(1, 80, 70)),
            List.of(17 * FakeModels.GB, 16 * FakeModels.GB),
            true);
    private final List<String> opened = new java.util.ArrayList<>();
    private Stage stage;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        settings.put("ui.language", "en");
        library.add("Trip to Hangzhou", NOW.minus(1, ChronoUnit.DAYS), false);
        Conversation poem = library.add("A poem about rain", NOW.minus(3, ChronoUnit.DAYS), false);
        chat.add(poem.id(), Role.USER, "Write a poem about the monsoon");
        chat.add(poem.id(), Role.MOSS, "Rain on the roofs…");
        library.add("Rust lifetimes", NOW.minus(30, ChronoUnit.DAYS), true);
        open(stage);
    }

    @BeforeEach
    void listShown() {
        Await.background();
    }

    private void open(Stage stage) {
        Theme.LIGHT.apply();
        model = new MainViewModel(new I18n(), "9.9.9", chat, library, settings, models, CLOCK);
        view = new MainView(model, opened::add, () -> opened.add("install"));
        stage.titleProperty().bind(model.titleProperty());
        Scene scene = new Scene(view.root(), 1100, 720);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        view.focusComposer();
    }

    /** Closes the window and opens a new one on the same stores, as a restart of the app would. */
    private void restart(FxRobot robot) {
        robot.interact(() -> open(stage));
        Await.background();
    }

    @AfterEach
    void release() {
        library.release();
        chat.release();
    }

    @Test
    void the_window_shows_conversations_chat_and_status_in_english(FxRobot robot) {
        assertEquals("MOSS Desktop 9.9.9", stage.getTitle());
        assertEquals(
                "No model loaded", robot.lookup("#status").queryAs(Label.class).getText());
        assertEquals("Send", robot.lookup("#send").queryAs(Button.class).getText());
        assertEquals(GROUPED_ROWS, rowTexts());
    }

    @Test
    void switching_to_chinese_changes_the_visible_strings_and_chinese_can_be_typed(FxRobot robot) {
        robot.interact(() -> model.setLanguage(Locale.SIMPLIFIED_CHINESE));
        assertEquals("未加载模型", robot.lookup("#status").queryAs(Label.class).getText());
        assertEquals("发送", robot.lookup("#send").queryAs(Button.class).getText());
        assertEquals("已置顶", rowTexts().getFirst());

        // Headless robots type key codes, not Chinese: input methods commit text, as here.
        robot.clickOn("#composer");
        robot.interact(() -> robot.lookup("#composer").queryAs(TextArea.class).replaceSelection("你好，MOSS！"));
        robot.type(KeyCode.ENTER);
        Await.until(() -> model.chat().getMessages().size() == 2
                && !model.chat().getMessages().get(1).isStreaming());
        assertEquals("你好，MOSS！", model.chat().getMessages().get(0).getText());
        assertEquals("You said: 你好，MOSS！", model.chat().getMessages().get(1).getText());
        assertEquals("你好，MOSS！", model.conversations().selectedProperty().get().title());
        assertEquals(
                "Noto Sans CJK SC",
                robot.lookup(".message-user-text")
                        .queryAs(Label.class)
                        .getFont()
                        .getFamily());

        robot.interact(() -> model.setLanguage(Locale.ENGLISH));
        assertEquals("Send", robot.lookup("#send").queryAs(Button.class).getText());
    }

    @Test
    void the_window_stays_responsive_while_the_store_is_slow_and_shows_the_list_when_it_answers(FxRobot robot)
            throws Exception {
        robot.clickOn("A poem about rain");
        Await.background();
        library.hold();
        // Opening must not wait for the store: a window that did would never get here.
        WaitForAsyncUtils.asyncFx(() -> open(stage)).get(10, TimeUnit.SECONDS);

        // The list is still being read; the window takes typing all the same.
        Future<String> typed = WaitForAsyncUtils.asyncFx(() -> {
            TextArea composer = robot.lookup("#composer").queryAs(TextArea.class);
            composer.replaceSelection("typed while the store was busy");
            return composer.getText();
        });
        assertEquals("typed while the store was busy", typed.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), rowTextsNow());
        assertNull(model.conversations().selectedProperty().get());

        library.release();
        Await.background();
        assertEquals(GROUPED_ROWS, rowTexts());
        assertEquals(
                "A poem about rain",
                model.conversations().selectedProperty().get().title());
        assertEquals(2, model.chat().getMessages().size());
    }

    @Test
    void ctrl_n_starts_a_conversation_named_after_its_first_message(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        Await.background();
        assertEquals(
                "New conversation",
                model.conversations().selectedProperty().get().title());
        assertTrue(model.chat().getMessages().isEmpty());

        robot.write("Plan a weekend").type(KeyCode.ENTER);
        Await.until(() -> model.chat().getMessages().size() == 2
                && !model.chat().getMessages().get(1).isStreaming());
        Await.background();

        Conversation current = model.conversations().selectedProperty().get();
        assertEquals("Plan a weekend", current.title());
        assertEquals(2, chat.stored(current.id()).size());
        assertTrue(rowTexts().contains("Plan a weekend"));
    }

    @Test
    void a_conversation_is_renamed_in_place_pinned_and_deleted_with_undo(FxRobot robot) {
        robot.clickOn("Trip to Hangzhou");
        robot.type(KeyCode.F2);
        TextField field = robot.lookup("#renameField").queryAs(TextField.class);
        robot.interact(() -> field.setText("Hangzhou in spring"));
        robot.clickOn(field).type(KeyCode.ENTER);
        assertTrue(rowTexts().contains("Hangzhou in spring"));

        robot.interact(() -> model.conversations()
                .togglePin(model.conversations().selectedProperty().get().id()));
        assertEquals(
                List.of("Pinned", "Hangzhou in spring", "Rust lifetimes", "Previous 7 days", "A poem about rain"),
                rowTexts());

        robot.clickOn("A poem about rain").type(KeyCode.DELETE);
        assertFalse(rowTexts().contains("A poem about rain"));
        assertTrue(robot.lookup("#undoBar").query().isVisible());
        assertNull(model.conversations().selectedProperty().get());
        robot.clickOn("#undoDelete");
        Await.background();
        assertTrue(rowTexts().contains("A poem about rain"));
        assertEquals(
                "A poem about rain",
                model.conversations().selectedProperty().get().title());
        assertEquals(2, model.chat().getMessages().size());
    }

    @Test
    void ctrl_f_searches_titles_and_message_text(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        assertTrue(robot.lookup("#conversationSearch").queryAs(TextField.class).isFocused());
        robot.write("monsoon");
        Await.until(() -> rowTexts().equals(List.of("Previous 7 days", "A poem about rain")));
        robot.interact(() ->
                robot.lookup("#conversationSearch").queryAs(TextField.class).setText("rust"));
        Await.until(() -> rowTexts().equals(List.of("Pinned", "Rust lifetimes")));
    }

    @Test
    void the_selected_conversation_survives_a_restart(FxRobot robot) {
        robot.clickOn("A poem about rain");
        restart(robot);
        assertEquals(
                "A poem about rain",
                model.conversations().selectedProperty().get().title());
        assertEquals(2, model.chat().getMessages().size());
    }

    @Test
    void settings_persist_across_a_restart(FxRobot robot) {
        robot.interact(() -> view.openSettings("appearanceTab"));
        robot.clickOn("#themeDark");
        robot.interact(() -> {
            model.settings().fontSizeProperty().set(17);
            model.settings().temperatureProperty().set(0.9);
            model.settings()
                    .pluginEnabledProperty(org.mossdesktop.moss.Tool.WEB_SEARCH)
                    .set(false);
            model.setLanguage(Locale.SIMPLIFIED_CHINESE);
        });
        robot.interact(() ->
                robot.listWindows().stream().filter(w -> w != stage).toList().forEach(javafx.stage.Window::hide));

        restart(robot);
        assertEquals(Theme.DARK, model.settings().themeProperty().get());
        assertEquals(17, model.settings().fontSizeProperty().get());
        assertEquals(0.9, model.settings().temperatureProperty().get());
        assertFalse(model.settings()
                .pluginEnabledProperty(org.mossdesktop.moss.Tool.WEB_SEARCH)
                .get());
        assertEquals("发送", robot.lookup("#send").queryAs(Button.class).getText());
        robot.interact(() -> {
            model.setLanguage(Locale.ENGLISH);
            model.setDarkTheme(false);
        });
    }

    @Test
    void a_conversation_can_keep_its_own_generation_settings(FxRobot robot) {
        robot.clickOn("A poem about rain");
        robot.interact(() -> {
            model.settings().perConversationProperty().set(true);
            model.settings().temperatureProperty().set(1.2);
        });
        Await.background();
        assertEquals(
                1.2,
                model.conversations()
                        .selectedProperty()
                        .get()
                        .settings()
                        .orElseThrow()
                        .temperature());

        robot.clickOn("Trip to Hangzhou");
        Await.background();
        assertFalse(model.settings().perConversationProperty().get());
        assertEquals(0.7, model.settings().temperatureProperty().get());

        restart(robot);
        robot.clickOn("A poem about rain");
        assertTrue(model.settings().perConversationProperty().get());
        assertEquals(1.2, model.settings().temperatureProperty().get());
    }

    @Test
    void the_first_start_follows_the_system_language(FxRobot robot) {
        Locale before = Locale.getDefault();
        try {
            settings.remove("ui.language");
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            restart(robot);
            assertEquals(Locale.SIMPLIFIED_CHINESE, model.i18n().getLocale());
            assertEquals("发送", robot.lookup("#send").queryAs(Button.class).getText());
        } finally {
            Locale.setDefault(before);
            robot.interact(() -> model.setLanguage(Locale.ENGLISH));
        }
    }

    @Test
    void loading_the_demo_model_shows_its_badge_and_placement(FxRobot robot, @TempDir Path dir) throws Exception {
        Path demo = Files.createDirectories(dir.resolve("moss-demo"));
        Files.writeString(demo.resolve("moss-onnx.json"), "{}");
        robot.interact(() -> {
            assertTrue(model.settings().chooseModel(demo));
            model.settings().load();
        });
        Await.until(() -> model.settings().loadedModelProperty().get() != null);
        assertEquals("moss-demo", robot.lookup("#status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#demoBadge").query().isVisible());
        robot.clickOn("#demoBadge");
        assertEquals(List.of("install"), opened);
        assertEquals(List.of(demo.toString()), model.settings().recentModels());
    }

    @Test
    void the_model_used_last_loads_at_start_else_the_demo(FxRobot robot, @TempDir Path dir) throws Exception {
        Path demo = Files.createDirectories(dir.resolve("moss-demo"));
        Files.writeString(demo.resolve("moss-onnx.json"), "{}");
        Path big = Files.createDirectories(dir.resolve("moss-moon-003-sft"));
        Files.writeString(big.resolve("moss-onnx.json"), "{}");

        robot.interact(() -> model.settings().loadAtStart(java.util.Optional.of(demo)));
        Await.until(() -> model.settings().loadedModelProperty().get() != null);
        assertEquals("moss-demo", model.settings().loadedModelProperty().get().name());

        robot.interact(() -> assertTrue(model.settings().chooseModel(big)));
        restart(robot);
        robot.interact(() -> model.settings().loadAtStart(java.util.Optional.of(demo)));
        Await.until(() -> model.settings().loadedModelProperty().get() != null);
        assertEquals(
                "moss-moon-003-sft",
                model.settings().loadedModelProperty().get().name());
    }

    @Test
    void a_folder_without_a_manifest_is_refused_in_the_users_language(FxRobot robot, @TempDir Path dir) {
        robot.interact(() -> {
            model.setLanguage(Locale.SIMPLIFIED_CHINESE);
            assertFalse(model.settings().chooseModel(dir));
            view.openSettings("modelTab");
        });
        String error = robot.lookup("#modelError").queryAs(Label.class).getText();
        assertTrue(error.contains("moss-onnx.json") && error.contains("不是模型文件夹"), error);
        robot.interact(() -> model.setLanguage(Locale.ENGLISH));
    }

    /** The list's rows once the store has answered everything asked of it so far. */
    private List<String> rowTexts() {
        Await.background();
        return rowTextsNow();
    }

    @SuppressWarnings("unchecked")
    private List<String> rowTextsNow() {
        WaitForAsyncUtils.waitForFxEvents();
        ListView<ConversationListViewModel.Row> list =
                (ListView<ConversationListViewModel.Row>) stage.getScene().lookup("#conversationList");
        return list.getItems().stream()
                .map(r -> switch (r) {
                    case ConversationListViewModel.Heading h ->
                        model.i18n().get(h.group().key());
                    case ConversationListViewModel.Entry e -> e.conversation().title();
                })
                .toList();
    }
}
