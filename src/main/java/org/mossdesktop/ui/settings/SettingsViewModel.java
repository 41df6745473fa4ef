// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.plugins.ApiKeys;
import org.mossdesktop.plugins.SearchSettings;
import org.mossdesktop.ui.FxThread;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.settings.ModelControl.Device;
import org.mossdesktop.ui.settings.ModelControl.ModelSummary;

/**
 * Every setting, persisted the moment it changes: model directory (validated, recent ones), load and
 * unload with progress, GPU placement, generation parameters, plugins, theme, language and font size. The
 * UI language follows the system's on first start, then the user's choice.
 */
public final class SettingsViewModel {

    static final int RECENT_MODELS = 5;
    public static final int DEFAULT_FONT_SIZE = 14;
    static final List<String> GENERATION_KEYS = List.of(
            "generation.temperature",
            "generation.topP",
            "generation.topK",
            "generation.repetitionPenalty",
            "generation.maxNewTokens");

    /** The services whose tools need an API key, by their name in {@link ApiKeys}: Brave Search. */
    public static final List<String> KEYED_SERVICES = List.of(SearchSettings.Provider.BRAVE.keyName());

    private final SettingsStore store;
    private final I18n i18n;
    private final ModelControl models;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final IntegerProperty fontSize = new SimpleIntegerProperty(this, "fontSize", DEFAULT_FONT_SIZE);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature");
    private final DoubleProperty topP = new SimpleDoubleProperty(this, "topP");
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK");
    private final DoubleProperty repetitionPenalty = new SimpleDoubleProperty(this, "repetitionPenalty");
    private final IntegerProperty maxNewTokens = new SimpleIntegerProperty(this, "maxNewTokens");
    private final Map<Tool, BooleanProperty> plugins = new EnumMap<>(Tool.class);
    private final StringProperty searchProvider = new SimpleStringProperty(this, "searchProvider", "SEARXNG");
    private final StringProperty searchEndpoint = new SimpleStringProperty(this, "searchEndpoint", "");
    private final StringProperty imageEndpoint = new SimpleStringProperty(this, "imageEndpoint", "");
    private final ReadOnlyStringWrapper modelDirectory = new ReadOnlyStringWrapper(this, "modelDirectory", "");
    private final ObservableList<String> recentModels = FXCollections.observableArrayList();
    // One read-only view, kept: listeners on a view that was dropped stop firing once it is collected.
    private final ObservableList<String> recentModelsView = FXCollections.unmodifiableObservableList(recentModels);
    private final ReadOnlyStringWrapper modelError = new ReadOnlyStringWrapper(this, "modelError", "");
    private final ReadOnlyObjectWrapper<ModelSummary> chosenModel = new ReadOnlyObjectWrapper<>(this, "chosenModel");
    private final ReadOnlyObjectWrapper<ModelSummary> loadedModel = new ReadOnlyObjectWrapper<>(this, "loadedModel");
    private final ReadOnlyStringWrapper placementSummary = new ReadOnlyStringWrapper(this, "placementSummary", "");
    private final ReadOnlyDoubleWrapper loadProgress = new ReadOnlyDoubleWrapper(this, "loadProgress", 0);
    private final ReadOnlyStringWrapper loadStatus = new ReadOnlyStringWrapper(this, "loadStatus", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final PlacementViewModel placement = new PlacementViewModel();
    private final CompletableFuture<List<Device>> devicesFound;
    private final BooleanProperty perConversation = new SimpleBooleanProperty(this, "perConversation");
    private final ObjectProperty<Conversation> conversation = new SimpleObjectProperty<>(this, "conversation");
    private final Map<String, ReadOnlyBooleanWrapper> apiKeySet = new LinkedHashMap<>();
    private final Map<String, ReadOnlyStringWrapper> apiKeyError = new LinkedHashMap<>();
    private Optional<ApiKeys> apiKeys = Optional.empty();
    private Consumer<String> onApiKeyChanged = service -> {};
    private BiConsumer<Long, Optional<GenerationSettings>> onConversationSettings = (id, settings) -> {};
    // True while values are shown from a source, so showing them does not save them.
    private boolean showing;
    private Consumer<String> onModelLoaded = path -> {};

    public SettingsViewModel(SettingsStore store, I18n i18n, ModelControl models) {
        this.store = store;
        this.i18n = i18n;
        this.models = models;
        i18n.setLocale(store.get("ui.language").map(Locale::forLanguageTag).orElse(Locale.getDefault()));
        i18n.localeProperty().addListener((obs, old, now) -> store.put("ui.language", now.toLanguageTag()));
        theme.set(store.get("ui.theme").filter("dark"::equals).isPresent() ? Theme.DARK : Theme.LIGHT);
        persist(theme, "ui.theme", t -> t == Theme.DARK ? "dark" : "light");
        fontSize.set(store.get("ui.fontSize").map(Integer::parseInt).orElse(DEFAULT_FONT_SIZE));
        persist(fontSize, "ui.fontSize", String::valueOf);
        for (Tool tool : Tool.values()) {
            BooleanProperty enabled = new SimpleBooleanProperty(store.get("plugins." + tool.api() + ".enabled")
                    .map(Boolean::parseBoolean)
                    .orElse(true));
            persist(enabled, "plugins." + tool.api() + ".enabled", String::valueOf);
            plugins.put(tool, enabled);
        }
        searchProvider.set(store.get("plugins.search.provider").orElse("SEARXNG"));
        persist(searchProvider, "plugins.search.provider", s -> s);
        searchEndpoint.set(store.get("plugins.search.endpoint").orElse("http://127.0.0.1:8888"));
        persist(searchEndpoint, "plugins.search.endpoint", s -> s);
        imageEndpoint.set(store.get("plugins.image.endpoint").orElse("http://127.0.0.1:7860"));
        persist(imageEndpoint, "plugins.image.endpoint", s -> s);
        store.get("model.recent")
                .ifPresent(r -> recentModels.setAll(
                        r.lines().filter(l -> !l.isBlank()).limit(RECENT_MODELS).toList()));
        modelDirectory.set(store.get("model.directory").orElse(""));
        showGeneration(GenerationSettings.MOSS_DEFAULTS);
        for (ObservableValue<? extends Number> value :
                List.of(temperature, topP, topK, repetitionPenalty, maxNewTokens)) {
            value.addListener((obs, old, now) -> saveGeneration());
        }
        perConversation.addListener((obs, old, now) -> {
            if (!showing && conversation.get() != null) {
                if (now) {
                    saveGeneration();
                } else {
                    onConversationSettings.accept(conversation.get().id(), Optional.empty());
                    showGeneration(modelDefaults());
                }
            }
        });
        conversation.addListener((obs, old, now) -> showConversation(now));
        // nvidia-smi may take a second: the window does not wait for it; loading at start does (see loadAtStart).
        devicesFound = models.devices().exceptionally(failure -> List.of());
        whenDevicesFound(placement::setDevices);
        for (String service : KEYED_SERVICES) {
            apiKeySet.put(service, new ReadOnlyBooleanWrapper(this, "apiKeySet." + service));
            apiKeyError.put(service, new ReadOnlyStringWrapper(this, "apiKeyError." + service, ""));
        }
    }

    /**
     * Where the tools' API keys are kept (a file of their own, never the database). Whether each key is set is
     * read in the background; the keys themselves never reach the window.
     */
    public void useApiKeys(ApiKeys keys) {
        apiKeys = Optional.of(keys);
        for (String service : KEYED_SERVICES) {
            FxThread.background(
                    () -> keys.get(service).isPresent(),
                    set -> apiKeySet.get(service).set(set),
                    failure -> apiKeyError.get(service).set(userMessage(failure)));
        }
    }

    /** Told the service name each time its key is saved or removed (the tools are built again). */
    public void setOnApiKeyChanged(Consumer<String> listener) {
        this.onApiKeyChanged = listener;
    }

    /** Saves {@code key} for {@code service}, replacing the one saved; a blank key changes nothing. */
    public void saveApiKey(String service, String key) {
        if (key == null || key.isBlank()) {
            return;
        }
        changeApiKey(service, keys -> keys.put(service, key), true);
    }

    public void removeApiKey(String service) {
        changeApiKey(service, keys -> keys.remove(service), false);
    }

    private void changeApiKey(String service, Consumer<ApiKeys> change, boolean set) {
        ApiKeys keys = apiKeys.orElseThrow(() -> new IllegalStateException("no API key file"));
        FxThread.background(
                () -> {
                    change.accept(keys);
                    return set;
                },
                now -> {
                    apiKeySet.get(service).set(now);
                    apiKeyError.get(service).set("");
                    onApiKeyChanged.accept(service);
                },
                failure -> apiKeyError.get(service).set(userMessage(failure)));
    }

    private String userMessage(Exception failure) {
        return failure instanceof UserFacingException user
                ? user.localizedMessage(i18n.getLocale())
                : i18n.get("ui.settings.plugins.key.failed", String.valueOf(failure.getMessage()));
    }

    /** Told the directory of a model once it has loaded. */
    public void setOnModelLoaded(Consumer<String> listener) {
        this.onModelLoaded = listener;
    }

    /** Checks a model directory and, if it is usable, makes it the chosen one; else says why. */
    public boolean chooseModel(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                throw new UserFacingException("ui.settings.model.notADirectory", directory);
            }
            ModelSummary summary = models.inspect(directory);
            modelError.set("");
            chosenModel.set(summary);
            modelDirectory.set(directory.toString());
            store.put("model.directory", directory.toString());
            placement.setModel(summary);
            if (!perConversation.get()) {
                showGeneration(summary.defaults());
            }
            return true;
        } catch (UserFacingException e) {
            modelError.set(e.localizedMessage(i18n.getLocale()));
            return false;
        }
    }

    /**
     * At start: chooses and loads the model used last, else {@code fallback} (the bundled demo model), so the
     * app can chat right away.
     */
    public void loadAtStart(Optional<Path> fallback) {
        // The stages are placed over the devices found: wait for them, so a GPU machine never loads on the CPU.
        whenDevicesFound(found -> loadFirstUsable(fallback));
    }

    private void loadFirstUsable(Optional<Path> fallback) {
        List<Path> candidates = new ArrayList<>();
        if (!modelDirectory.get().isEmpty()) {
            candidates.add(Path.of(modelDirectory.get()));
        }
        fallback.ifPresent(candidates::add);
        for (Path candidate : candidates) {
            if (chooseModel(candidate)) {
                load();
                return;
            }
        }
    }

    // Runs on the FX thread once the devices are known: at once when they already are.
    private void whenDevicesFound(Consumer<List<Device>> action) {
        if (devicesFound.isDone()) {
            action.accept(devicesFound.join());
        } else {
            devicesFound.thenAccept(found -> FxThread.run(() -> action.accept(found)));
        }
    }

    /** Loads the chosen model with the placement shown; progress arrives stage by stage. */
    public void load() {
        ModelSummary summary = chosenModel.get();
        if (summary == null || loading.get()) {
            return;
        }
        Path directory = Path.of(modelDirectory.get());
        loading.set(true);
        loadProgress.set(0);
        loadStatus.set(i18n.get("ui.settings.model.loading"));
        models.load(directory, placement.plan(), new ModelControl.LoadProgress() {
            // Weighed by bytes: stages differ in size, and the bar should move as the weights do.
            @Override
            public void stageLoaded(int stage, int stages, long weightBytes) {
                List<Long> sizes = summary.stageWeightBytes();
                long total = sizes.stream().mapToLong(Long::longValue).sum();
                long done = sizes.size() == stages
                        ? sizes.stream()
                                .limit(stage + 1)
                                .mapToLong(Long::longValue)
                                .sum()
                        : weightBytes;
                double fraction = total > 0 && sizes.size() == stages ? done / (double) total : (stage + 1.0) / stages;
                FxThread.run(() -> {
                    loadProgress.set(fraction);
                    loadStatus.set(
                            i18n.get("ui.settings.model.stageLoaded", stage + 1, stages, size(done), size(total)));
                });
            }

            @Override
            public void loaded(ModelSummary model, Optional<String> warning) {
                FxThread.run(() -> {
                    loading.set(false);
                    loadProgress.set(1);
                    loadStatus.set(i18n.get("ui.settings.model.loaded", model.name()));
                    loadedModel.set(model);
                    String where = i18n.get("ui.status.placement", placement.summary());
                    placementSummary.set(warning.map(w -> where + " — ⚠ " + w).orElse(where));
                    remember(directory.toString());
                    onModelLoaded.accept(directory.toString());
                });
            }

            @Override
            public void failed(String message) {
                FxThread.run(() -> {
                    loading.set(false);
                    loadProgress.set(0);
                    loadStatus.set("");
                    modelError.set(message);
                });
            }
        });
    }

    /** A size in bytes as people read it: GB for model weights, MB for small (demo) ones. */
    static String size(long bytes) {
        return bytes >= 1_000_000_000L ? String.format("%.1f GB", bytes / 1e9) : String.format("%.1f MB", bytes / 1e6);
    }

    public void unload() {
        models.unload();
        loadedModel.set(null);
        placementSummary.set("");
        loadProgress.set(0);
        loadStatus.set("");
    }

    /** Puts the generation parameters back to the model's defaults (here or for this conversation). */
    public void resetGeneration() {
        if (!perConversation.get()) {
            GENERATION_KEYS.forEach(store::remove);
        }
        showing = true;
        try {
            show(modelDefaults());
        } finally {
            showing = false;
        }
        saveGeneration();
    }

    /** Where per-conversation generation settings are saved: conversation id, settings or empty. */
    public void setOnConversationSettings(BiConsumer<Long, Optional<GenerationSettings>> save) {
        this.onConversationSettings = save;
    }

    private GenerationSettings modelDefaults() {
        ModelSummary summary = chosenModel.get();
        return summary == null ? GenerationSettings.MOSS_DEFAULTS : summary.defaults();
    }

    private void showConversation(Conversation now) {
        showing = true;
        try {
            boolean own = now != null && now.settings().isPresent();
            perConversation.set(own);
            if (own) {
                show(now.settings().get());
            } else {
                showGeneration(modelDefaults());
            }
        } finally {
            showing = false;
        }
    }

    private void saveGeneration() {
        if (showing) {
            return;
        }
        if (perConversation.get() && conversation.get() != null) {
            onConversationSettings.accept(conversation.get().id(), Optional.of(generationSettings()));
            return;
        }
        store.put("generation.temperature", String.valueOf(temperature.get()));
        store.put("generation.topP", String.valueOf(topP.get()));
        store.put("generation.topK", String.valueOf(topK.get()));
        store.put("generation.repetitionPenalty", String.valueOf(repetitionPenalty.get()));
        store.put("generation.maxNewTokens", String.valueOf(maxNewTokens.get()));
    }

    /** The generation parameters to use: the model's defaults with the user's changes. */
    public GenerationSettings generationSettings() {
        return new GenerationSettings(
                temperature.get(),
                topP.get(),
                topK.get(),
                repetitionPenalty.get(),
                maxNewTokens.get(),
                false,
                OptionalLong.empty());
    }

    /** The conversation selected when the app was last closed. */
    public Optional<Long> selectedConversation() {
        return store.get("ui.selectedConversation").map(Long::parseLong);
    }

    public void rememberSelectedConversation(Long id) {
        if (id == null) {
            store.remove("ui.selectedConversation");
        } else {
            store.put("ui.selectedConversation", String.valueOf(id));
        }
    }

    private void show(GenerationSettings settings) {
        temperature.set(settings.temperature());
        topP.set(settings.topP());
        topK.set(settings.topK());
        repetitionPenalty.set(settings.repetitionPenalty());
        maxNewTokens.set(settings.maxNewTokens());
    }

    // The saved global values, else the model's defaults.
    private void showGeneration(GenerationSettings defaults) {
        boolean was = showing;
        showing = true;
        try {
            showSaved(defaults);
        } finally {
            showing = was;
        }
    }

    private void showSaved(GenerationSettings defaults) {
        temperature.set(
                store.get("generation.temperature").map(Double::parseDouble).orElse(defaults.temperature()));
        topP.set(store.get("generation.topP").map(Double::parseDouble).orElse(defaults.topP()));
        topK.set(store.get("generation.topK").map(Integer::parseInt).orElse(defaults.topK()));
        repetitionPenalty.set(store.get("generation.repetitionPenalty")
                .map(Double::parseDouble)
                .orElse(defaults.repetitionPenalty()));
        maxNewTokens.set(
                store.get("generation.maxNewTokens").map(Integer::parseInt).orElse(defaults.maxNewTokens()));
    }

    private void remember(String directory) {
        List<String> recent = new ArrayList<>(recentModels);
        recent.remove(directory);
        recent.addFirst(directory);
        while (recent.size() > RECENT_MODELS) {
            recent.removeLast();
        }
        recentModels.setAll(recent);
        store.put("model.recent", String.join("\n", recent));
    }

    private <T> void persist(ObservableValue<T> value, String key, java.util.function.Function<T, String> format) {
        value.addListener((obs, old, now) -> store.put(key, format.apply(now)));
    }

    public I18n i18n() {
        return i18n;
    }

    /** Whether the generation parameters shown are the selected conversation's own. */
    public BooleanProperty perConversationProperty() {
        return perConversation;
    }

    /** The selected conversation, whose own generation parameters (if any) are shown. */
    public ObjectProperty<Conversation> conversationProperty() {
        return conversation;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public IntegerProperty fontSizeProperty() {
        return fontSize;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty repetitionPenaltyProperty() {
        return repetitionPenalty;
    }

    public IntegerProperty maxNewTokensProperty() {
        return maxNewTokens;
    }

    public BooleanProperty pluginEnabledProperty(Tool tool) {
        return plugins.get(tool);
    }

    public StringProperty searchProviderProperty() {
        return searchProvider;
    }

    public StringProperty searchEndpointProperty() {
        return searchEndpoint;
    }

    public StringProperty imageEndpointProperty() {
        return imageEndpoint;
    }

    /** Whether a key is saved for {@code service} (one of {@link #KEYED_SERVICES}); never the key itself. */
    public ReadOnlyBooleanProperty apiKeySetProperty(String service) {
        return apiKeySet.get(service).getReadOnlyProperty();
    }

    /** Why the key of {@code service} could not be read or saved, in the user's language; "" when all is well. */
    public ReadOnlyStringProperty apiKeyErrorProperty(String service) {
        return apiKeyError.get(service).getReadOnlyProperty();
    }

    /** Whether the app gave a place to keep keys ({@link #useApiKeys}). */
    public boolean hasApiKeys() {
        return apiKeys.isPresent();
    }

    public ReadOnlyStringProperty modelDirectoryProperty() {
        return modelDirectory.getReadOnlyProperty();
    }

    public ObservableList<String> recentModels() {
        return recentModelsView;
    }

    /** Why the chosen directory cannot be used, in the user's language; "" when it can. */
    public ReadOnlyStringProperty modelErrorProperty() {
        return modelError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelSummary> chosenModelProperty() {
        return chosenModel.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelSummary> loadedModelProperty() {
        return loadedModel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placementSummaryProperty() {
        return placementSummary.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty loadProgressProperty() {
        return loadProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadStatusProperty() {
        return loadStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public PlacementViewModel placement() {
        return placement;
    }

    /** The language choices: English and 简体中文, each named in its own language. */
    public static List<Locale> languages() {
        return Messages.SUPPORTED;
    }
}
