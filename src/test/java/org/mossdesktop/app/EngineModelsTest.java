// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.ui.settings.ModelControl;

class EngineModelsTest {

    @TempDir
    Path home;

    @Test
    void the_demo_model_is_described_from_its_manifest() {
        ModelControl.ModelSummary demo = new EngineModels(home, m -> {}).inspect(DemoModel.locate());
        assertEquals("moss-demo", demo.name());
        assertTrue(demo.demo());
        assertEquals(2, demo.stageWeightBytes().size());
        assertTrue(demo.kvCacheBytesPerToken() > 0);
    }

    @Test
    void a_folder_without_a_manifest_is_refused_with_a_user_facing_message() {
        assertThrows(UserFacingException.class, () -> new EngineModels(home, m -> {}).inspect(home));
    }

    @Test
    void the_cpu_is_always_a_device() {
        List<ModelControl.Device> devices =
                new EngineModels(home, m -> {}).devices().join();
        assertEquals("cpu", devices.getFirst().id());
        assertFalse(devices.getFirst().gpu());
    }

    @Test
    void loading_reports_every_stage_and_hands_the_model_over() throws Exception {
        List<Optional<LoadedModel>> handed = new CopyOnWriteArrayList<>();
        EngineModels models = new EngineModels(home.resolve("cache"), handed::add);
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<ModelControl.ModelSummary> loaded = new CompletableFuture<>();
        models.load(DemoModel.locate(), Map.of(0, "cpu", 1, "cpu"), new ModelControl.LoadProgress() {
            @Override
            public void stageLoaded(int stage, int stages, long weightBytes) {
                events.add(stage + "/" + stages + " " + weightBytes);
                if (loaded.isDone()) {
                    events.add("reported after loading");
                }
            }

            @Override
            public void loaded(ModelControl.ModelSummary model, Optional<String> warning) {
                events.add("warning: " + warning.orElse("none"));
                loaded.complete(model);
            }

            @Override
            public void failed(String message) {
                loaded.completeExceptionally(new AssertionError(message));
            }
        });
        ModelControl.ModelSummary summary = loaded.get(60, TimeUnit.SECONDS);
        assertEquals("moss-demo", summary.name());
        assertEquals(
                List.of(
                        "0/2 " + summary.stageWeightBytes().get(0),
                        "1/2 " + summary.stageWeightBytes().get(1),
                        "warning: none"),
                events);
        assertTrue(handed.getFirst().isPresent());

        models.unload();
        assertEquals(Optional.empty(), handed.getLast());
    }
}
