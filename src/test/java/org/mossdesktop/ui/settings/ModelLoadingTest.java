// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The model settings' progress bar follows the stages as they load, weighed by their bytes. */
@ExtendWith(ApplicationExtension.class)
class ModelLoadingTest {

    private final FakeModels models = new FakeModels(
            List.of(FakeModels.cpu(), FakeModels.gpu(0, 80, 70), FakeModels.gpu(1, 80, 70)),
            List.of(24 * FakeModels.GB, 8 * FakeModels.GB),
            false);
    private SettingsViewModel model;

    @Start
    void start(Stage stage) {
        InMemorySettings store = new InMemorySettings();
        store.put("ui.language", "en");
        model = new SettingsViewModel(store, new I18n(), models);
        SettingsView view = new SettingsView(model);
        view.select("modelTab");
        Theme.LIGHT.apply();
        Scene scene = new Scene(view.root(), 760, 640);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void release() {
        models.release();
    }

    @Test
    void the_bar_moves_with_each_stage_by_its_share_of_the_weights(FxRobot robot, @TempDir Path dir) throws Exception {
        Path directory = Files.createDirectories(dir.resolve("moss-moon-003-sft"));
        Files.writeString(directory.resolve("moss-onnx.json"), "{}");
        robot.interact(() -> model.chooseModel(directory));
        models.holdAfterFirstStage();

        robot.clickOn("#loadModel");
        ProgressBar bar = robot.lookup("#loadProgress").queryAs(ProgressBar.class);
        Await.until(() -> bar.getProgress() > 0);

        assertEquals(0.75, bar.getProgress(), 1e-9);
        assertEquals(
                "Stage 1 of 2 loaded (24.0 GB of 32.0 GB)",
                robot.lookup("#loadStatus").queryAs(Label.class).getText());

        models.release();
        Await.until(() -> model.loadedModelProperty().get() != null);
        assertEquals(1.0, bar.getProgress());
        assertEquals(
                "moss-moon-003-sft is loaded",
                robot.lookup("#loadStatus").queryAs(Label.class).getText());
    }

    @Test
    void a_model_that_runs_without_io_binding_says_so_beside_its_placement(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path directory = Files.createDirectories(dir.resolve("moss-moon-003-sft"));
        Files.writeString(directory.resolve("moss-onnx.json"), "{}");
        robot.interact(() -> model.chooseModel(directory));
        models.warnOnLoad("The KV cache is copied through host memory at every step");

        robot.clickOn("#loadModel");
        Await.until(() -> model.loadedModelProperty().get() != null);

        String summary = model.placementSummaryProperty().get();
        assertTrue(summary.contains("⚠ The KV cache is copied through host memory at every step"), summary);
    }
}
