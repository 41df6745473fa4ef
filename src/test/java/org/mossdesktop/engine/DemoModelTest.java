// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoModelTest {

    @Test
    void the_dev_checkout_comes_first_then_the_install_folder_and_its_parents() {
        List<Path> candidates = DemoModel.candidates(
                Optional.of(Path.of("/src/moss")), Optional.of(Path.of("/opt/moss-desktop/lib/app")));
        assertEquals(
                List.of(
                        Path.of("/src/moss/assets/models/moss-demo"),
                        Path.of("/opt/moss-desktop/lib/app/assets/models/moss-demo"),
                        Path.of("/opt/moss-desktop/lib/assets/models/moss-demo"),
                        Path.of("/opt/moss-desktop/assets/models/moss-demo"),
                        Path.of("/opt/assets/models/moss-demo")),
                candidates);
    }

    @Test
    void in_the_dev_checkout_the_demo_model_is_found() {
        // Surefire sets -Dmoss.repo to the checkout.
        assertEquals(Path.of(System.getProperty("moss.repo")).resolve("assets/models/moss-demo"), DemoModel.locate());
    }
}
