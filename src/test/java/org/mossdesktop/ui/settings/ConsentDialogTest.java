// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConsentDialogTest {

    private final I18n i18n = new I18n();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        i18n.setLocale(Locale.ENGLISH);
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    @Test
    void a_tool_waits_for_the_user_to_allow_an_endpoint(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask();
        Await.until(() -> robot.lookup("Allow").tryQuery().isPresent());
        assertFalse(answer.isDone());
        assertTrue(
                robot.lookup(".content").queryAll().stream()
                        .anyMatch(
                                n -> n instanceof javafx.scene.control.Label l
                                        && l.getText()
                                                .equals(
                                                        "MOSS wants to use Web search, which sends your request to https://api.search.brave.com. Allow it?")));
        robot.clickOn("Allow");
        assertEquals(true, answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void deny_answers_no(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask();
        Await.until(() -> robot.lookup("Deny").tryQuery().isPresent());
        robot.clickOn("Deny");
        assertEquals(false, answer.get(10, TimeUnit.SECONDS));
    }

    private CompletableFuture<Boolean> ask() {
        ConsentDialog dialog = new ConsentDialog(i18n, () -> stage);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return dialog.allow(Tool.WEB_SEARCH, "https://api.search.brave.com");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
