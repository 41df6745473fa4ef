// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.plugins.ApiKeys;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Plugins settings' API keys on a real key file. */
@ExtendWith(ApplicationExtension.class)
class ApiKeysSettingsTest {

    @TempDir
    Path dir;

    private Stage stage;
    private SettingsViewModel model;
    private final List<String> changed = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private Path keyFile() {
        return dir.resolve("api-keys.properties");
    }

    /** Opens the Plugins settings on the key file as it is now. */
    private void open(FxRobot robot) {
        robot.interact(() -> {
            I18n i18n = new I18n();
            InMemorySettings store = new InMemorySettings();
            store.put("ui.language", "en");
            model = new SettingsViewModel(store, i18n, new FakeModels(List.of(FakeModels.cpu()), List.of(1L), true));
            model.useApiKeys(new ApiKeys(keyFile()));
            model.setOnApiKeyChanged(changed::add);
            SettingsView view = new SettingsView(model);
            view.select("pluginsTab");
            Theme.LIGHT.apply();
            Scene scene = new Scene(view.root(), 760, 640);
            Theme.style(scene);
            stage.setScene(scene);
            stage.show();
        });
        Await.background();
    }

    @Test
    void a_key_typed_into_the_password_field_is_saved_to_the_key_file_and_the_field_empties(FxRobot robot) {
        open(robot);
        assertEquals(
                "No key saved.",
                robot.lookup("#apiKeyStatus-brave").queryAs(Label.class).getText());

        robot.clickOn("#apiKey-brave").write("BSA-typed-1234");
        robot.clickOn("#saveApiKey-brave");
        Await.background();

        assertEquals(Optional.of("BSA-typed-1234"), new ApiKeys(keyFile()).get("brave"));
        assertEquals(
                "", robot.lookup("#apiKey-brave").queryAs(PasswordField.class).getText());
        assertEquals(
                "A key is saved (not shown).",
                robot.lookup("#apiKeyStatus-brave").queryAs(Label.class).getText());
        assertEquals(List.of("brave"), changed);
    }

    @Test
    void a_saved_key_is_never_shown_only_that_one_is_set(FxRobot robot) {
        new ApiKeys(keyFile()).put("brave", "BSA-secret-5678");

        open(robot);

        assertEquals(
                "", robot.lookup("#apiKey-brave").queryAs(PasswordField.class).getText());
        assertTrue(robot.lookup("#apiKey-brave")
                .queryAs(PasswordField.class)
                .getPromptText()
                .contains("replace"));
        assertEquals(
                "A key is saved (not shown).",
                robot.lookup("#apiKeyStatus-brave").queryAs(Label.class).getText());
        List<String> shown = new ArrayList<>();
        collectTexts(stage.getScene().getRoot(), shown);
        assertFalse(shown.stream().anyMatch(text -> text.contains("5678")), shown.toString());
    }

    @Test
    void a_saved_key_can_be_replaced_and_then_removed(FxRobot robot) {
        new ApiKeys(keyFile()).put("brave", "BSA-old");
        open(robot);
        assertEquals(
                "Replace",
                robot.lookup("#saveApiKey-brave").queryAs(Button.class).getText());

        robot.clickOn("#apiKey-brave").write("BSA-new");
        robot.clickOn("#saveApiKey-brave");
        Await.background();
        assertEquals(Optional.of("BSA-new"), new ApiKeys(keyFile()).get("brave"));

        robot.clickOn("#removeApiKey-brave");
        Await.background();
        assertEquals(Optional.empty(), new ApiKeys(keyFile()).get("brave"));
        assertEquals(
                "No key saved.",
                robot.lookup("#apiKeyStatus-brave").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#removeApiKey-brave").queryAs(Button.class).isDisabled());
        assertEquals(List.of("brave", "brave"), changed);
    }

    @Test
    void an_empty_field_saves_nothing(FxRobot robot) {
        open(robot);

        assertTrue(robot.lookup("#saveApiKey-brave").queryAs(Button.class).isDisabled());
        robot.interact(() -> model.saveApiKey("brave", "   "));
        Await.background();

        assertEquals(Optional.empty(), new ApiKeys(keyFile()).get("brave"));
        assertEquals(List.of(), changed);
    }

    private static void collectTexts(Node node, List<String> out) {
        if (node instanceof Labeled labeled) {
            out.add(labeled.getText());
        }
        if (node instanceof TextInputControl input) {
            out.add(input.getText());
            out.add(input.getPromptText());
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collectTexts(child, out));
        }
    }
}
