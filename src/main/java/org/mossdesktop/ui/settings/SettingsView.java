// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;

/** Settings, in tabs: Model, GPU placement, Generation, Plugins, Appearance. Every change is saved at once. */
public final class SettingsView {

    private final SettingsViewModel model;
    private final I18n i18n;
    private final TabPane tabs = new TabPane();

    public SettingsView(SettingsViewModel model) {
        this.model = model;
        this.i18n = model.i18n();
        tabs.getStyleClass().add("settings");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs()
                .setAll(
                        tab("modelTab", "ui.settings.tab.model", modelPage()),
                        tab(
                                "placementTab",
                                "ui.settings.tab.placement",
                                new PlacementView(model.placement(), i18n).root()),
                        tab("generationTab", "ui.settings.tab.generation", generationPage()),
                        tab("pluginsTab", "ui.settings.tab.plugins", pluginsPage()),
                        tab("appearanceTab", "ui.settings.tab.appearance", appearancePage()));
        tabs.setPrefSize(720, 560);
    }

    public Parent root() {
        return tabs;
    }

    /** Shows a tab by its id, e.g. "placementTab". */
    public void select(String tabId) {
        tabs.getTabs().stream()
                .filter(t -> tabId.equals(t.getId()))
                .findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private Tab tab(String id, String key, Node content) {
        Tab tab = new Tab();
        tab.setId(id);
        tab.textProperty().bind(i18n.text(key));
        tab.setContent(content);
        return tab;
    }

    private VBox modelPage() {
        Label directory = new Label();
        directory.setId("modelDirectory");
        directory
                .textProperty()
                .bind(Bindings.when(model.modelDirectoryProperty().isEmpty())
                        .then(i18n.text("ui.settings.model.none"))
                        .otherwise(model.modelDirectoryProperty()));
        directory.setWrapText(true);
        Button choose = new Button();
        choose.setId("chooseModel");
        choose.textProperty().bind(i18n.text("ui.settings.model.choose"));
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(i18n.get("ui.settings.model.choose"));
            File picked = chooser.showDialog(tabs.getScene().getWindow());
            if (picked != null) {
                model.chooseModel(picked.toPath());
            }
        });
        HBox chooseRow = new HBox(10, directory, choose);
        HBox.setHgrow(directory, Priority.ALWAYS);
        directory.setMaxWidth(Double.MAX_VALUE);
        chooseRow.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("modelError");
        error.getStyleClass().add("settings-error");
        error.setWrapText(true);
        error.textProperty().bind(model.modelErrorProperty());
        error.visibleProperty().bind(model.modelErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label summary = new Label();
        summary.setId("modelSummary");
        summary.getStyleClass().add("settings-note");
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.chosenModelProperty().get() == null
                                ? ""
                                : i18n.get(
                                        "ui.settings.model.summary",
                                        model.chosenModelProperty().get().name(),
                                        model.chosenModelProperty()
                                                .get()
                                                .stageWeightBytes()
                                                .size(),
                                        PlacementView.gb(model.chosenModelProperty().get().stageWeightBytes().stream()
                                                .mapToLong(Long::longValue)
                                                .sum())),
                        model.chosenModelProperty(),
                        i18n.localeProperty()));

        Label recentTitle = heading("ui.settings.model.recent");
        ListView<String> recent = new ListView<>(model.recentModels());
        recent.setId("recentModels");
        recent.setPrefHeight(110);
        recent.setOnMouseClicked(e -> {
            String picked = recent.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && picked != null) {
                model.chooseModel(Path.of(picked));
            }
        });

        Button load = new Button();
        load.setId("loadModel");
        load.getStyleClass().add("accent");
        load.textProperty().bind(i18n.text("ui.settings.model.load"));
        load.disableProperty().bind(model.chosenModelProperty().isNull().or(model.loadingProperty()));
        load.setOnAction(e -> model.load());
        Button unload = new Button();
        unload.setId("unloadModel");
        unload.textProperty().bind(i18n.text("ui.settings.model.unload"));
        unload.disableProperty().bind(model.loadedModelProperty().isNull().or(model.loadingProperty()));
        unload.setOnAction(e -> model.unload());
        ProgressBar progress = new ProgressBar();
        progress.setId("loadProgress");
        progress.progressProperty().bind(model.loadProgressProperty());
        progress.setPrefWidth(220);
        Label status = new Label();
        status.setId("loadStatus");
        status.textProperty().bind(model.loadStatusProperty());
        HBox loadRow = new HBox(10, load, unload, progress, status);
        loadRow.setAlignment(Pos.CENTER_LEFT);

        VBox page = new VBox(
                12, heading("ui.settings.model.directory"), chooseRow, error, summary, loadRow, recentTitle, recent);
        page.getStyleClass().add("settings-page");
        return page;
    }

    private GridPane generationPage() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-page");
        grid.setHgap(16);
        grid.setVgap(10);
        int row = 0;
        grid.addRow(
                row++,
                label("ui.settings.generation.temperature"),
                doubleSpinner("temperature", model.temperatureProperty(), 0.05, 2.0, 0.05));
        grid.addRow(
                row++,
                label("ui.settings.generation.topP"),
                doubleSpinner("topP", model.topPProperty(), 0.05, 1.0, 0.05));
        grid.addRow(row++, label("ui.settings.generation.topK"), intSpinner("topK", model.topKProperty(), 0, 200, 1));
        grid.addRow(
                row++,
                label("ui.settings.generation.repetitionPenalty"),
                doubleSpinner("repetitionPenalty", model.repetitionPenaltyProperty(), 1.0, 2.0, 0.01));
        grid.addRow(
                row++,
                label("ui.settings.generation.maxNewTokens"),
                intSpinner("maxNewTokens", model.maxNewTokensProperty(), 1, 2048, 16));
        CheckBox own = new CheckBox();
        own.setId("perConversation");
        own.textProperty().bind(i18n.text("ui.settings.generation.perConversation"));
        own.selectedProperty().bindBidirectional(model.perConversationProperty());
        own.disableProperty().bind(model.conversationProperty().isNull());
        grid.add(own, 0, row++, 2, 1);
        Button reset = new Button();
        reset.setId("resetGeneration");
        reset.textProperty().bind(i18n.text("ui.settings.generation.reset"));
        reset.setOnAction(e -> model.resetGeneration());
        grid.add(reset, 1, row++);
        Label note = new Label();
        note.getStyleClass().add("settings-note");
        note.setWrapText(true);
        note.textProperty().bind(i18n.text("ui.settings.generation.note"));
        grid.add(note, 0, row, 2, 1);
        return grid;
    }

    private VBox pluginsPage() {
        VBox page = new VBox(10);
        page.getStyleClass().add("settings-page");
        Label note = new Label();
        note.getStyleClass().add("settings-note");
        note.setWrapText(true);
        note.textProperty().bind(i18n.text("ui.settings.plugins.note"));
        page.getChildren().add(note);
        for (Tool tool : Tool.values()) {
            CheckBox box = new CheckBox();
            box.setId("plugin-" + tool.api());
            box.textProperty().bind(i18n.text("ui.settings.plugins." + tool.api()));
            box.selectedProperty().bindBidirectional(model.pluginEnabledProperty(tool));
            page.getChildren().add(box);
        }
        ChoiceBox<String> provider = new ChoiceBox<>();
        provider.setId("searchProvider");
        provider.getItems().setAll("SEARXNG", "BRAVE");
        provider.valueProperty().bindBidirectional(model.searchProviderProperty());
        TextField searchEndpoint = new TextField();
        searchEndpoint.setId("searchEndpoint");
        searchEndpoint.textProperty().bindBidirectional(model.searchEndpointProperty());
        TextField imageEndpoint = new TextField();
        imageEndpoint.setId("imageEndpoint");
        imageEndpoint.textProperty().bindBidirectional(model.imageEndpointProperty());
        GridPane providers = new GridPane();
        providers.setHgap(12);
        providers.setVgap(8);
        providers.addRow(0, label("ui.settings.plugins.searchProvider"), provider);
        providers.addRow(1, label("ui.settings.plugins.searchEndpoint"), searchEndpoint);
        providers.addRow(2, label("ui.settings.plugins.imageEndpoint"), imageEndpoint);
        GridPane.setHgrow(searchEndpoint, Priority.ALWAYS);
        page.getChildren().addAll(heading("ui.settings.plugins.providers"), providers);
        if (model.hasApiKeys()) {
            page.getChildren().addAll(heading("ui.settings.plugins.keys"), apiKeys());
        }
        return page;
    }

    /**
     * A password field per service that needs a key. A saved key is never shown, not even masked: the field is
     * for a new key only, and the line beside it says whether one is saved.
     */
    private VBox apiKeys() {
        Label note = new Label();
        note.getStyleClass().add("settings-note");
        note.setWrapText(true);
        note.textProperty().bind(i18n.text("ui.settings.plugins.key.note"));
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        int row = 0;
        for (String service : SettingsViewModel.KEYED_SERVICES) {
            PasswordField field = new PasswordField();
            field.setId("apiKey-" + service);
            ReadOnlyBooleanProperty set = model.apiKeySetProperty(service);
            field.promptTextProperty()
                    .bind(Bindings.when(set)
                            .then(i18n.text("ui.settings.plugins.key.replacePrompt"))
                            .otherwise(i18n.text("ui.settings.plugins.key.prompt")));
            Button save = new Button();
            save.setId("saveApiKey-" + service);
            save.textProperty()
                    .bind(Bindings.when(set)
                            .then(i18n.text("ui.settings.plugins.key.replace"))
                            .otherwise(i18n.text("ui.settings.plugins.key.save")));
            save.disableProperty().bind(field.textProperty().isEmpty());
            Runnable saveKey = () -> {
                model.saveApiKey(service, field.getText());
                field.clear();
            };
            save.setOnAction(e -> saveKey.run());
            field.setOnAction(e -> saveKey.run());
            Button remove = new Button();
            remove.setId("removeApiKey-" + service);
            remove.getStyleClass().add("flat");
            remove.textProperty().bind(i18n.text("ui.settings.plugins.key.remove"));
            remove.disableProperty().bind(set.not());
            remove.setOnAction(e -> model.removeApiKey(service));
            Label status = new Label();
            status.setId("apiKeyStatus-" + service);
            status.getStyleClass().add("settings-note");
            status.textProperty()
                    .bind(Bindings.when(set)
                            .then(i18n.text("ui.settings.plugins.key.isSet"))
                            .otherwise(i18n.text("ui.settings.plugins.key.notSet")));
            Label error = new Label();
            error.setId("apiKeyError-" + service);
            error.getStyleClass().add("settings-error");
            error.setWrapText(true);
            error.textProperty().bind(model.apiKeyErrorProperty(service));
            error.visibleProperty().bind(error.textProperty().isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            GridPane.setHgrow(field, Priority.ALWAYS);
            grid.addRow(row++, label("ui.settings.plugins.key." + service), field, save, remove);
            grid.add(status, 1, row++, 3, 1);
            grid.add(error, 1, row++, 3, 1);
        }
        return new VBox(8, note, grid);
    }

    private GridPane appearancePage() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-page");
        grid.setHgap(16);
        grid.setVgap(10);
        ToggleGroup themes = new ToggleGroup();
        RadioButton light = new RadioButton();
        light.setId("themeLight");
        light.textProperty().bind(i18n.text("ui.settings.appearance.light"));
        RadioButton dark = new RadioButton();
        dark.setId("themeDark");
        dark.textProperty().bind(i18n.text("ui.settings.appearance.dark"));
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (model.themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
        themes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.themeProperty().set(now == dark ? Theme.DARK : Theme.LIGHT);
            }
        });
        model.themeProperty().addListener((obs, old, now) -> (now == Theme.DARK ? dark : light).setSelected(true));

        ChoiceBox<Locale> language = new ChoiceBox<>();
        language.setId("languageChoice");
        language.getItems().setAll(SettingsViewModel.languages());
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale locale) {
                return locale == null ? "" : Messages.get(locale, "language." + locale);
            }

            @Override
            public Locale fromString(String text) {
                return null;
            }
        });
        language.setValue(i18n.getLocale());
        language.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                i18n.setLocale(now);
            }
        });
        i18n.localeProperty().addListener((obs, old, now) -> language.setValue(now));

        grid.addRow(0, label("ui.settings.appearance.theme"), new HBox(12, light, dark));
        grid.addRow(1, label("ui.settings.appearance.language"), language);
        grid.addRow(
                2,
                label("ui.settings.appearance.fontSize"),
                intSpinner("fontSize", model.fontSizeProperty(), 10, 24, 1));
        return grid;
    }

    private Spinner<Double> doubleSpinner(String id, Property<Number> value, double min, double max, double step) {
        Spinner<Double> spinner = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(
                min, max, value.getValue().doubleValue(), step));
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.valueProperty().addListener((obs, old, now) -> value.setValue(now));
        value.addListener((obs, old, now) -> spinner.getValueFactory().setValue(now.doubleValue()));
        return spinner;
    }

    private Spinner<Integer> intSpinner(String id, Property<Number> value, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(
                min, max, value.getValue().intValue(), step));
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.valueProperty().addListener((obs, old, now) -> value.setValue(now));
        value.addListener((obs, old, now) -> spinner.getValueFactory().setValue(now.intValue()));
        return spinner;
    }

    private Label label(String key) {
        Label label = new Label();
        label.textProperty().bind(i18n.text(key));
        return label;
    }

    private Label heading(String key) {
        Label label = label(key);
        label.getStyleClass().add("title-4");
        return label;
    }
}
