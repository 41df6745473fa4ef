// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mossdesktop.ui.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {

    private MainViewModel model;

    @Start
    void start(Stage stage) {
        I18n i18n = new I18n();
        i18n.setLocale(Locale.ENGLISH);
        model = new MainViewModel(i18n, "9.9.9");
        stage.titleProperty().bind(model.titleProperty());
        stage.setScene(new Scene(new MainView(model).root(), 900, 600));
        stage.show();
    }

    @Test
    void the_window_shows_the_three_panes_and_says_no_model_is_loaded(FxRobot robot) {
        assertEquals(
                "No model loaded", robot.lookup("#status").queryAs(Label.class).getText());
        assertEquals(
                "New", robot.lookup("#newConversation").queryAs(Button.class).getText());
        assertEquals("Send", robot.lookup("#send").queryAs(Button.class).getText());
        assertEquals(
                "MOSS Desktop 9.9.9", robot.window(0).getScene().getWindow() instanceof Stage s ? s.getTitle() : "");
    }

    @Test
    void switching_to_chinese_changes_the_visible_strings(FxRobot robot) {
        robot.interact(() -> model.setLanguage(Locale.SIMPLIFIED_CHINESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("未加载模型", robot.lookup("#status").queryAs(Label.class).getText());
        assertEquals("发送", robot.lookup("#send").queryAs(Button.class).getText());

        robot.interact(() -> model.setLanguage(Locale.ENGLISH));
        assertEquals("Send", robot.lookup("#send").queryAs(Button.class).getText());
    }
}
