// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real window on a real display (GTK under Xvfb in CI), captured from the screen: the app must draw
 * something, not a blank rectangle. Skipped without a {@code DISPLAY}.
 */
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
class ScreenshotTest {

    @Test
    void the_main_window_on_a_real_display_is_not_blank(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("screenshot.png");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Dprism.order=sw",
                "-cp",
                System.getProperty("java.class.path"),
                ScreenshotScene.class.getName(),
                png.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the window did not close");
        assertEquals(0, process.exitValue(), output);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 384) {
                    dark++;
                }
            }
        }
        // Text, bubbles and buttons: many colours, and dark text pixels on the light theme.
        assertTrue(colours.size() > 50, colours.size() + " colours");
        assertTrue(dark > 500, dark + " dark pixels");
    }
}
