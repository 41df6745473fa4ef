// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.ConversationService;
import org.mossdesktop.chat.Role;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.StoreOptions;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.MessageItem;
import org.mossdesktop.ui.main.MainView;
import org.mossdesktop.ui.main.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The whole window on the real services: SQLite store, conversation service, and the bundled demo model. */
@ExtendWith(ApplicationExtension.class)
class DemoModelChatTest {

    @TempDir
    static Path home;

    private ConversationStore store;
    private ConversationService service;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        store = ConversationStore.open(home.resolve("conversations.db"), StoreOptions.DEFAULTS);
        service = new ConversationService(store, Clock.systemDefaultZone());
        EngineModels models = new EngineModels(home.resolve("cache"), service::useModel);
        I18n i18n = new I18n();
        Theme.LIGHT.apply();
        model = new MainViewModel(
                i18n,
                "test",
                new MossDesktopApp.ServiceChat(service),
                new MossDesktopApp.StoredConversations(store),
                new MossDesktopApp.StoredSettings(store.settings()),
                models,
                Clock.systemDefaultZone());
        i18n.setLocale(Locale.ENGLISH);
        MainView view = new MainView(model, url -> {}, () -> {});
        Scene scene = new Scene(view.root(), 1000, 700);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        view.focusComposer();
        model.settings().loadAtStart(Optional.of(DemoModel.locate()));
    }

    @AfterEach
    void close() {
        service.close();
        store.close();
    }

    @Test
    void a_message_to_the_demo_model_streams_a_reply_that_finishes_and_is_saved(FxRobot robot) {
        Await.until(() -> model.settings().loadedModelProperty().get() != null);
        assertEquals("moss-demo", robot.lookup("#status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#demoBadge").query().isVisible());

        robot.clickOn("#composer").write("Hello MOSS").type(KeyCode.ENTER);
        Await.until(() -> model.chat().getMessages().size() == 2
                && !model.chat().getMessages().get(1).isStreaming());

        MessageItem reply = model.chat().getMessages().get(1);
        assertEquals(Role.MOSS, reply.role());
        assertFalse(reply.getText().isBlank());
        assertEquals("", reply.errorProperty().get());
        FinishReason finish = reply.infoProperty().get().finishReason();
        assertTrue(finish == FinishReason.EOM || finish == FinishReason.MAX_TOKENS, finish.toString());
        long id = model.conversations().selectedProperty().get().id();
        assertEquals(2, store.messages(id).size());
        assertEquals(reply.getText(), store.messages(id).get(1).text());
        assertFalse(robot.lookup("#statusSpeed").queryAs(Label.class).getText().isEmpty());
    }
}
