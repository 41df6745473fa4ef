// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.ui.Await;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.settings.ModelControl.Device;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Finding the GPUs (nvidia-smi) may be slow: the settings do not wait for it, the model loaded at start does. */
@ExtendWith(ApplicationExtension.class)
class DeviceDiscoveryTest {

    private static final List<Device> MACHINE =
            List.of(FakeModels.cpu(), FakeModels.gpu(0, 80, 70), FakeModels.gpu(1, 80, 70));

    @Test
    void the_model_loaded_at_start_waits_for_the_devices_and_goes_onto_the_gpus(FxRobot robot, @TempDir Path dir)
            throws Exception {
        CompletableFuture<List<Device>> found = new CompletableFuture<>();
        FakeModels models =
                new FakeModels(MACHINE, List.of(24 * FakeModels.GB, 8 * FakeModels.GB), false).foundLater(found);
        Path directory = Files.createDirectories(dir.resolve("moss-moon-003-sft"));
        Files.writeString(directory.resolve("moss-onnx.json"), "{}");
        SettingsViewModel[] model = new SettingsViewModel[1];

        robot.interact(() -> {
            model[0] = new SettingsViewModel(new InMemorySettings(), new I18n(), models);
            model[0].loadAtStart(Optional.of(directory));
        });
        assertTrue(model[0].placement().devices().isEmpty(), "the view model was built without waiting");
        assertNull(models.lastPlacement(), "nothing loads before the devices are known");
        assertFalse(model[0].loadingProperty().get());

        found.complete(MACHINE);
        Await.until(() -> model[0].loadedModelProperty().get() != null);

        assertEquals(MACHINE, List.copyOf(model[0].placement().devices()));
        assertEquals(2, models.lastPlacement().size());
        assertTrue(
                models.lastPlacement().values().stream().allMatch(id -> id.startsWith("cuda:")),
                models.lastPlacement().toString());
    }
}
