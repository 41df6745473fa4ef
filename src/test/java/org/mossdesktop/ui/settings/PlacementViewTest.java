// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mossdesktop.ui.settings.FakeModels.GB;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.settings.ModelControl.Device;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PlacementViewTest {

    // Two stages of MOSS-16B in fp16, about 17 and 16 GB of weights.
    private final FakeModels models = new FakeModels(
            List.of(FakeModels.cpu(), FakeModels.gpu(0, 24, 22), FakeModels.gpu(1, 24, 12)),
            List.of(17 * GB, 16 * GB),
            false);
    private final PlacementViewModel model = new PlacementViewModel();

    @Start
    void start(Stage stage) {
        Theme.LIGHT.apply();
        I18n i18n = new I18n();
        i18n.setLocale(Locale.ENGLISH);
        model.setDevices(models.devices().join());
        model.setModel(models.summary("moss-moon-003-sft"));
        Scene scene = new Scene(new PlacementView(model, i18n).root(), 760, 600);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void auto_puts_each_stage_on_a_gpu_that_can_hold_it_and_the_rest_on_the_cpu(FxRobot robot) {
        // GPU 0 (22 GB free) holds the 17 GB stage; GPU 1 (12 GB free) holds neither: CPU.
        assertEquals(Map.of(0, "cuda:0", 1, "cpu"), model.plan());
        assertTrue(model.fitsProperty().get());
        assertFalse(robot.lookup("#placementWarning").query().isVisible());
    }

    @Test
    void a_stage_moved_onto_a_gpu_too_small_shows_the_red_warning_before_loading(FxRobot robot) {
        ComboBox<Device> second = robot.lookup("#stageDevice-1").queryComboBox();
        robot.interact(
                () -> second.getSelectionModel().select(models.devices().join().get(2)));

        assertFalse(model.fitsProperty().get());
        Label warning = robot.lookup("#placementWarning").queryAs(Label.class);
        assertTrue(warning.isVisible());
        assertTrue(warning.getText().startsWith("This placement does not fit"));
        assertTrue(robot.lookup("#over-cuda-1").tryQuery().isPresent());

        robot.clickOn("#autoPlacement");
        assertTrue(model.fitsProperty().get());
        assertFalse(warning.isVisible());
    }

    @Test
    void without_a_gpu_every_stage_runs_on_the_cpu_and_the_panel_says_so(FxRobot robot) {
        robot.interact(() -> model.setDevices(List.of(FakeModels.cpu())));
        assertEquals(Map.of(0, "cpu", 1, "cpu"), model.plan());
        assertTrue(robot.lookup("#noGpuNote").query().isVisible());
        assertEquals(
                "No NVIDIA GPU was found: every stage runs on the CPU.",
                robot.lookup("#noGpuNote").queryAs(Label.class).getText());
    }
}
