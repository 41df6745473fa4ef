// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.store.AppDirectories;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.ChatBackend;
import org.mossdesktop.ui.chat.ReplyEvent;
import org.mossdesktop.ui.conversations.ConversationLibrary;
import org.mossdesktop.ui.main.MainView;
import org.mossdesktop.ui.main.MainViewModel;
import org.mossdesktop.ui.settings.ModelControl;
import org.mossdesktop.ui.settings.PropertiesSettingsStore;
import org.mossdesktop.ui.status.StatusBarView;

/** The desktop window, wired to the services. */
public final class MossDesktopApp extends Application {

    /** With {@code -Dmoss.startupProbe=true} the app prints the milliseconds from JVM start to its first frame and quits. */
    static final String STARTUP_PROBE = "moss.startupProbe";

    @Override
    public void start(Stage stage) {
        AppDirectories directories = AppDirectories.resolve().create();
        I18n i18n = new I18n();
        Unwired unwired = new Unwired();
        MainViewModel model = new MainViewModel(
                i18n,
                AppInfo.version(),
                unwired,
                unwired,
                new PropertiesSettingsStore(directories.data().resolve("settings.properties")),
                unwired,
                Clock.systemDefaultZone());
        Consumer<String> openLink = url -> getHostServices().showDocument(url);
        MainView view = new MainView(model, openLink, () -> openLink.accept(readme()));
        stage.titleProperty().bind(model.titleProperty());
        Scene scene = new Scene(view.root(), 1180, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        view.focusComposer();
        if (Boolean.getBoolean(STARTUP_PROBE)) {
            reportFirstFrame(scene);
        }
    }

    // The README's "Use the real MOSS" section: the checkout's copy when running from one.
    private static String readme() {
        Path local = Path.of(System.getProperty("moss.repo", "."))
                .resolve("README.md")
                .toAbsolutePath();
        return (Files.exists(local) ? local.toUri().toString() : "README.md") + StatusBarView.INSTALL_MOSS_ANCHOR;
    }

    // The first pulse that laid out the shown window has returned: the window is drawn and takes input.
    private static void reportFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
                long millis = System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println(STARTUP_PROBE + "=" + millis);
                System.out.flush();
                Platform.exit();
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /**
     * Stands in for the services until they are merged: conversations in memory, no model to load, and
     * replies that say so. Replaced by the store, the engine and the lead's ConversationService.
     */
    private static final class Unwired implements ChatBackend, ConversationLibrary, ModelControl {
        private final AtomicLong ids = new AtomicLong();
        private final List<Conversation> conversations = new ArrayList<>();
        private final Set<Long> deleted = new java.util.HashSet<>();

        @Override
        public List<Message> messages(long conversationId) {
            return List.of();
        }

        @Override
        public Reply send(long conversationId, String text, Consumer<ReplyEvent> events) {
            events.accept(new ReplyEvent.Failed(Messages.get("ui.chat.noModel")));
            return () -> {};
        }

        @Override
        public Reply regenerate(long conversationId, Consumer<ReplyEvent> events) {
            return send(conversationId, "", events);
        }

        @Override
        public Reply editAndResend(long conversationId, long messageId, String text, Consumer<ReplyEvent> events) {
            return send(conversationId, text, events);
        }

        @Override
        public synchronized List<Conversation> list() {
            return conversations.stream().filter(c -> !deleted.contains(c.id())).toList();
        }

        @Override
        public synchronized Conversation create(String title) {
            Instant now = Instant.now();
            Conversation c = new Conversation(ids.incrementAndGet(), title, now, now, false, Optional.empty());
            conversations.add(c);
            return c;
        }

        @Override
        public synchronized void rename(long id, String title) {
            conversations.replaceAll(c -> c.id() == id
                    ? new Conversation(id, title, c.createdAt(), c.updatedAt(), c.pinned(), c.settings())
                    : c);
        }

        @Override
        public synchronized void setPinned(long id, boolean pinned) {
            conversations.replaceAll(c -> c.id() == id
                    ? new Conversation(id, c.title(), c.createdAt(), c.updatedAt(), pinned, c.settings())
                    : c);
        }

        @Override
        public synchronized void delete(long id) {
            deleted.add(id);
        }

        @Override
        public synchronized void restore(long id) {
            deleted.remove(id);
        }

        @Override
        public synchronized Set<Long> search(String query) {
            return list().stream()
                    .filter(c -> c.title().toLowerCase().contains(query.toLowerCase()))
                    .map(Conversation::id)
                    .collect(Collectors.toSet());
        }

        @Override
        public ModelSummary inspect(Path directory) {
            throw new UserFacingException("ui.settings.model.engineMissing");
        }

        @Override
        public List<Device> devices() {
            return List.of(new Device(
                    "cpu",
                    "CPU",
                    Runtime.getRuntime().maxMemory(),
                    Runtime.getRuntime().maxMemory(),
                    false));
        }

        @Override
        public void load(Path directory, Map<Integer, String> placement, LoadProgress progress) {
            progress.failed(Messages.get("ui.settings.model.engineMissing"));
        }

        @Override
        public void unload() {}
    }
}
