// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Role;
import org.mossdesktop.ui.chat.InMemoryChat;
import org.mossdesktop.ui.conversations.InMemoryLibrary;
import org.mossdesktop.ui.main.MainView;
import org.mossdesktop.ui.main.MainViewModel;
import org.mossdesktop.ui.settings.FakeModels;
import org.mossdesktop.ui.settings.InMemorySettings;

/**
 * Opens the main window on a real display (GTK, e.g. under Xvfb) mid-conversation, with scripted replies
 * (Markdown, code, a table) and a fake two-GPU machine, and saves a screen capture of it (ScreenshotTest checks
 * it is not blank; README's screenshot is the real app on the demo model, docs/make-screenshot.sh): {@code java -cp … org.mossdesktop.ui.ScreenshotScene OUT.png [dark]}. Run in its own JVM
 * because the test JVM's JavaFX runs headless (Monocle).
 */
public final class ScreenshotScene {

    private ScreenshotScene() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        boolean dark = args.length > 1 && args[1].equals("dark");
        Locale.setDefault(Locale.ENGLISH);
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.startup(() -> shown.complete(open(dark)));
        Stage stage = shown.get(30, TimeUnit.SECONDS);
        // Let fonts, CSS and the first frames settle.
        Thread.sleep(2500);
        CompletableFuture<WritableImage> capture = new CompletableFuture<>();
        Platform.runLater(() -> capture.complete(new Robot()
                .getScreenCapture(
                        null, new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))));
        WritableImage image = capture.get(30, TimeUnit.SECONDS);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        Platform.exit();
        System.exit(0);
    }

    private static Stage open(boolean dark) {
        Instant now = Instant.now();
        Clock clock = Clock.systemDefaultZone();
        InMemoryChat chat = new InMemoryChat();
        InMemoryLibrary library = new InMemoryLibrary(clock, chat::stored);
        InMemorySettings settings = new InMemorySettings();
        settings.put("ui.language", "en");
        settings.put("ui.theme", dark ? "dark" : "light");
        library.add("Rust lifetimes, explained", now.minus(20, ChronoUnit.DAYS), true);
        library.add("西湖三日游行程", now.minus(1, ChronoUnit.DAYS), false);
        library.add("Poem about the monsoon", now.minus(3, ChronoUnit.DAYS), false);
        library.add("Solve x² − 5x + 6 = 0", now.minus(4, ChronoUnit.DAYS), false);
        Conversation current = library.add("Merge two sorted lists", now, false);
        chat.add(current.id(), Role.USER, "How do I merge two sorted lists in Python? Keep it short.");
        chat.add(current.id(), Role.MOSS, """
                Walk both lists with two indexes and always take the smaller head:

                ```python
                def merge(a, b):
                    i = j = 0
                    out = []
                    while i < len(a) and j < len(b):
                        if a[i] <= b[j]:
                            out.append(a[i]); i += 1
                        else:
                            out.append(b[j]); j += 1
                    return out + a[i:] + b[j:]  # 剩余部分直接拼接
                ```

                | approach | time | extra memory |
                |---|---|---|
                | two indexes | O(n + m) | O(n + m) |
                | `heapq.merge` | O(n + m) | O(1), lazy |
                """);
        chat.replyWith(text -> """
                **总结：** 用两个指针同时遍历两个有序列表，每次取较小的元素放入结果；\
                当一个列表用完后，把另一个列表剩余的部分直接接在后面。

                - 时间复杂度：O(n + m)
                - 标准库 `heapq.merge` 可以惰性地完成同样的事情""");

        FakeModels models = new FakeModels(
                List.of(FakeModels.cpu(), FakeModels.gpu(0, 80, 75), FakeModels.gpu(1, 80, 75)),
                List.of(17 * FakeModels.GB, 16 * FakeModels.GB),
                false);
        Theme.LIGHT.apply();
        MainViewModel model = new MainViewModel(new I18n(), "0.1.0", chat, library, settings, models, clock);
        model.conversations().select(current.id());
        MainView view = new MainView(model, url -> {}, () -> {});
        Stage stage = new Stage();
        stage.titleProperty().bind(model.titleProperty());
        Scene scene = new Scene(view.root(), 1280, 800);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        try {
            Path demo = Files.createDirectories(
                    Files.createTempDirectory("screenshot").resolve("moss-moon-003-sft"));
            Files.writeString(demo.resolve("moss-onnx.json"), "{}");
            model.settings().chooseModel(demo);
            model.settings().load();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        model.status().showProgress(new org.mossdesktop.chat.ReplyEvent.Progress(612, 74, 38, 38 + 2400));
        // The selected conversation's messages load off the FX thread: send once they are shown.
        javafx.animation.PauseTransition loaded = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(1));
        loaded.setOnFinished(e -> {
            model.chat().draftProperty().set("用中文总结一下。");
            model.chat().send();
        });
        loaded.play();
        return stage;
    }
}
