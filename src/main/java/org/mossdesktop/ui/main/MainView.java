// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.main;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;

/** The main window: conversation list on the left, the chat in the middle, the status bar below. */
public final class MainView {

    private final MainViewModel model;
    private final BorderPane root = new BorderPane();

    public MainView(MainViewModel model) {
        this.model = model;
        root.setTop(menuBar());
        SplitPane panes = new SplitPane(conversationPane(), chatPane());
        panes.setDividerPositions(0.25);
        root.setCenter(panes);
        root.setBottom(statusBar());
    }

    public Parent root() {
        return root;
    }

    private MenuBar menuBar() {
        I18n i18n = model.i18n();

        Menu file = menu("menu.file");
        MenuItem newConversation = item("menu.file.newConversation");
        newConversation.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        MenuItem quit = item("menu.file.quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> root.getScene().getWindow().hide());
        file.getItems().addAll(newConversation, quit);

        Menu view = menu("menu.view");
        Menu language = menu("menu.view.language");
        language.setId("languageMenu");
        ToggleGroup languages = new ToggleGroup();
        for (Locale locale : Messages.SUPPORTED) {
            RadioMenuItem choice = new RadioMenuItem(Messages.get(locale, "language." + locale));
            choice.setId("language-" + locale);
            choice.setToggleGroup(languages);
            choice.setSelected(locale.equals(i18n.getLocale()));
            choice.setOnAction(e -> model.setLanguage(locale));
            language.getItems().add(choice);
        }
        CheckMenuItem dark = new CheckMenuItem();
        dark.setId("darkTheme");
        dark.textProperty().bind(i18n.text("menu.view.darkTheme"));
        dark.setSelected(model.themeProperty().get() == Theme.DARK);
        dark.setOnAction(e -> model.setDarkTheme(dark.isSelected()));
        view.getItems().addAll(language, dark);

        Menu tools = menu("menu.tools");
        tools.getItems().add(item("menu.tools.settings"));

        return new MenuBar(file, view, tools);
    }

    private VBox conversationPane() {
        I18n i18n = model.i18n();
        TextField search = new TextField();
        search.setId("conversationSearch");
        search.promptTextProperty().bind(i18n.text("conversations.search.prompt"));
        Button create = new Button();
        create.setId("newConversation");
        create.textProperty().bind(i18n.text("conversations.new"));
        HBox header = new HBox(8, search, create);
        HBox.setHgrow(search, Priority.ALWAYS);

        ListView<String> conversations = new ListView<>();
        conversations.setId("conversationList");
        Label empty = new Label();
        empty.textProperty().bind(i18n.text("conversations.empty"));
        conversations.setPlaceholder(empty);

        VBox pane = new VBox(8, header, conversations);
        VBox.setVgrow(conversations, Priority.ALWAYS);
        pane.setPadding(new Insets(8));
        pane.setMinWidth(200);
        return pane;
    }

    private VBox chatPane() {
        I18n i18n = model.i18n();
        Label placeholder = new Label();
        placeholder.setId("chatPlaceholder");
        placeholder.textProperty().bind(i18n.text("chat.placeholder"));
        StackPane messages = new StackPane(placeholder);
        VBox.setVgrow(messages, Priority.ALWAYS);

        TextArea composer = new TextArea();
        composer.setId("composer");
        composer.setPrefRowCount(3);
        composer.setWrapText(true);
        composer.promptTextProperty().bind(i18n.text("chat.composer.prompt"));
        Button send = new Button();
        send.setId("send");
        send.textProperty().bind(i18n.text("chat.send"));
        send.setDefaultButton(true);
        HBox composerRow = new HBox(8, composer, send);
        HBox.setHgrow(composer, Priority.ALWAYS);

        VBox pane = new VBox(8, messages, composerRow);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private HBox statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(status);
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private Menu menu(String key) {
        Menu menu = new Menu();
        menu.textProperty().bind(model.i18n().text(key));
        return menu;
    }

    private MenuItem item(String key) {
        MenuItem item = new MenuItem();
        item.textProperty().bind(model.i18n().text(key));
        return item;
    }
}
