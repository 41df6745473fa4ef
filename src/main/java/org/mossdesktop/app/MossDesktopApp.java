// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.ConversationRepository;
import org.mossdesktop.chat.ConversationService;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyEvent;
import org.mossdesktop.chat.SearchHit;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.plugins.ApiKeys;
import org.mossdesktop.store.AppDirectories;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.Setting;
import org.mossdesktop.store.Settings;
import org.mossdesktop.ui.Fonts;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.ChatBackend;
import org.mossdesktop.ui.conversations.ConversationLibrary;
import org.mossdesktop.ui.main.MainView;
import org.mossdesktop.ui.main.MainViewModel;
import org.mossdesktop.ui.settings.CachedSettings;
import org.mossdesktop.ui.settings.ConsentDialog;
import org.mossdesktop.ui.settings.SettingsStore;
import org.mossdesktop.ui.status.StatusBarView;

/** The desktop window, wired to the services. */
public final class MossDesktopApp extends Application {

    /** With {@code -Dmoss.startupProbe=true} the app prints the milliseconds from JVM start to its first frame and quits. */
    static final String STARTUP_PROBE = "moss.startupProbe";

    /**
     * With {@code -Dmoss.aotTraining=true} the app is the training run of the installers' ahead-of-time cache
     * ({@code -XX:AOTCacheOutput}, installer/Packager.java): it opens the window, loads the bundled model,
     * streams a synthetic reply (prose, a list, a table, code) into a new conversation and quits, so the
     * classes and profiles of a start and of a first reply are in the cache.
     */
    static final String AOT_TRAINING = "moss.aotTraining";

    private ConversationStore store;
    private ConversationService service;
    private PluginTools tools;

    @Override
    public void start(Stage stage) {
        AppDirectories directories = AppDirectories.resolve().create();
        I18n i18n = new I18n();
        // Opening the database (native library, schema check) and reading the settings overlap loading the
        // theme and fonts; after that the window reads settings from memory.
        CompletableFuture<ConversationStore> opening =
                CompletableFuture.supplyAsync(() -> ConversationStore.open(directories));
        CompletableFuture<CachedSettings> reading =
                opening.thenApply(opened -> CachedSettings.read(new StoredSettings(opened.settings())));
        Theme.LIGHT.apply();
        Fonts.load();
        CachedSettings settings;
        try {
            store = opening.join();
            settings = reading.join();
        } catch (CompletionException failed) {
            if (!(failed.getCause() instanceof UserFacingException e)) {
                throw failed;
            }
            // e.g. a database written by a newer MOSS Desktop: say so and leave it untouched.
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getLocalizedMessage());
            alert.setHeaderText(AppInfo.NAME);
            alert.showAndWait();
            Platform.exit();
            return;
        }
        service = new ConversationService(store, Clock.systemDefaultZone());
        EngineModels models = new EngineModels(directories.nativeCache(), service::useModel);
        ChatBackend chat =
                Boolean.getBoolean(AOT_TRAINING) ? new SyntheticChat(2_000, 4_000) : new ServiceChat(service);
        MainViewModel model = new MainViewModel(
                i18n,
                AppInfo.version(),
                chat,
                new StoredConversations(store),
                settings,
                models,
                Clock.systemDefaultZone());
        Consumer<String> openLink = url -> getHostServices().showDocument(url);
        MainView view = new MainView(model, openLink, () -> openLink.accept(readme()));
        ApiKeys keys = new ApiKeys(directories.data().resolve("api-keys.properties"));
        model.settings().useApiKeys(keys);
        tools = new PluginTools(
                model.settings(), service, new ConsentDialog(i18n, () -> stage), store.settings(), keys);
        stage.titleProperty().bind(model.titleProperty());
        Scene scene = new Scene(view.root(), 1180, 760);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        view.focusComposer();
        // The model used last, else the bundled demo, loads on its own thread: the window is usable at once.
        model.settings().loadAtStart(demoModel());
        if (Boolean.getBoolean(STARTUP_PROBE)) {
            reportFirstFrame(scene);
        }
        if (chat instanceof SyntheticChat synthetic) {
            train(model, synthetic);
        }
    }

    // Streams the synthetic reply once the window is up, then quits once the model has loaded too.
    private static void train(MainViewModel model, SyntheticChat synthetic) {
        synthetic.onAllDone(() -> Platform.runLater(() -> {
            if (!model.settings().loadingProperty().get()) {
                Platform.exit();
            } else {
                model.settings().loadingProperty().addListener((property, was, loading) -> {
                    if (!loading) {
                        Platform.exit();
                    }
                });
            }
        }));
        Platform.runLater(() -> {
            model.chat().draftProperty().set("Explain it step by step, with a table and code.");
            model.chat().send();
        });
    }

    @Override
    public void stop() {
        if (tools != null) {
            tools.close();
        }
        if (service != null) {
            service.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static Optional<Path> demoModel() {
        try {
            return Optional.of(DemoModel.locate());
        } catch (UserFacingException e) {
            return Optional.empty();
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

    /** The conversation list on the SQLite store. */
    record StoredConversations(ConversationRepository repository) implements ConversationLibrary {
        @Override
        public List<Conversation> list() {
            return repository.list();
        }

        @Override
        public Conversation create(String title) {
            return repository.create(title, Optional.empty());
        }

        @Override
        public void rename(long id, String title) {
            repository.rename(id, title);
        }

        @Override
        public void setPinned(long id, boolean pinned) {
            repository.setPinned(id, pinned);
        }

        @Override
        public void setSettings(long id, Optional<GenerationSettings> settings) {
            repository.setSettings(id, settings);
        }

        @Override
        public void delete(long id) {
            repository.delete(id);
        }

        @Override
        public void restore(long id) {
            repository.undoDelete(id);
        }

        @Override
        public Set<Long> search(String query) {
            return repository.search(query, 500).stream()
                    .map(SearchHit::conversationId)
                    .collect(Collectors.toSet());
        }
    }

    /** The UI's settings in the store's settings table, as text values. */
    record StoredSettings(Settings settings) implements SettingsStore {
        @Override
        public Optional<String> get(String key) {
            return Optional.of(settings.get(Setting.text(key, ""))).filter(v -> !v.isEmpty());
        }

        @Override
        public void put(String key, String value) {
            settings.put(Setting.text(key, ""), value);
        }

        @Override
        public void remove(String key) {
            settings.reset(Setting.text(key, ""));
        }

        @Override
        public Map<String, String> all() {
            return settings.texts();
        }
    }

    /** The chat view's port on the conversation service. */
    record ServiceChat(ConversationService service) implements ChatBackend {
        @Override
        public List<Message> messages(long conversationId) {
            return service.messages(conversationId);
        }

        @Override
        public Reply send(long conversationId, String text, Consumer<ReplyEvent> events) {
            return service.send(conversationId, text, events)::stop;
        }

        @Override
        public Reply regenerate(long conversationId, Consumer<ReplyEvent> events) {
            return service.regenerate(conversationId, events)::stop;
        }

        @Override
        public Reply editAndResend(long conversationId, long messageId, String text, Consumer<ReplyEvent> events) {
            return service.editAndResend(conversationId, messageId, text, events)::stop;
        }
    }
}
