// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.main;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.ChatView;
import org.mossdesktop.ui.conversations.ConversationListView;
import org.mossdesktop.ui.settings.SettingsView;
import org.mossdesktop.ui.status.StatusBarView;

/**
 * The main window: conversations on the left, the chat in the middle, the status bar below. Ctrl+N starts
 * a conversation, Ctrl+F searches them, Ctrl+, opens the settings.
 */
public final class MainView {

    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final ConversationListView conversations;
    private final ChatView chat;
    private Stage settingsWindow;
    private SettingsView settingsView;

    /**
     * @param openLink opens a web link or file in the user's browser
     * @param installHelp shows how to install MOSS itself (the demo badge's link)
     */
    public MainView(MainViewModel model, Consumer<String> openLink, Runnable installHelp) {
        this.model = model;
        this.conversations = new ConversationListView(model.conversations(), model.i18n());
        this.chat = new ChatView(model.chat(), model.i18n(), openLink);
        root.getStyleClass().add("main-window");
        root.setTop(menuBar(installHelp));
        SplitPane panes = new SplitPane(conversations.root(), chat.root());
        panes.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(conversations.root(), false);
        root.setCenter(panes);
        root.setBottom(new StatusBarView(model.status(), installHelp).root());
        model.settings().fontSizeProperty().subscribe(size -> root.setStyle("-fx-font-size: " + size + "px;"));
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE
                    && model.chat().generatingProperty().get()) {
                model.chat().stop();
                e.consume();
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** Puts the keyboard focus where a user starts: the composer. */
    public void focusComposer() {
        chat.focusComposer();
    }

    /** Opens the settings window on a tab, e.g. "placementTab"; one window, brought to front. */
    public void openSettings(String tabId) {
        if (settingsWindow == null) {
            settingsView = new SettingsView(model.settings());
            Scene scene = new Scene(settingsView.root());
            Theme.style(scene);
            model.settings()
                    .fontSizeProperty()
                    .subscribe(size -> settingsView.root().setStyle("-fx-font-size: " + size + "px;"));
            settingsWindow = new Stage();
            settingsWindow.titleProperty().bind(model.i18n().text("ui.settings.title"));
            settingsWindow.setScene(scene);
            Window owner = root.getScene() == null ? null : root.getScene().getWindow();
            if (owner != null) {
                settingsWindow.initOwner(owner);
            }
            scene.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    settingsWindow.hide();
                }
            });
        }
        settingsView.select(tabId);
        settingsWindow.show();
        settingsWindow.toFront();
    }

    private MenuBar menuBar(Runnable installHelp) {
        I18n i18n = model.i18n();

        Menu file = menu("menu.file");
        MenuItem newConversation = item("menu.file.newConversation", "menuNewConversation");
        newConversation.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        newConversation.setOnAction(e -> {
            model.conversations().create();
            chat.focusComposer();
        });
        MenuItem find = item("ui.menu.find", "menuFind");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(e -> conversations.focusSearch());
        MenuItem quit = item("menu.file.quit", "menuQuit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> root.getScene().getWindow().hide());
        file.getItems().addAll(newConversation, find, quit);

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
            i18n.localeProperty().subscribe(now -> choice.setSelected(locale.equals(now)));
            language.getItems().add(choice);
        }
        CheckMenuItem dark = new CheckMenuItem();
        dark.setId("darkTheme");
        dark.textProperty().bind(i18n.text("menu.view.darkTheme"));
        model.themeProperty().subscribe(t -> dark.setSelected(t == Theme.DARK));
        dark.setOnAction(e -> model.setDarkTheme(dark.isSelected()));
        view.getItems().addAll(language, dark);

        Menu tools = menu("menu.tools");
        MenuItem settings = item("menu.tools.settings", "menuSettings");
        settings.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        settings.setOnAction(e -> openSettings("modelTab"));
        MenuItem placement = item("ui.menu.placement", "menuPlacement");
        placement.setOnAction(e -> openSettings("placementTab"));
        tools.getItems().addAll(settings, placement);

        Menu help = menu("ui.menu.help");
        MenuItem install = item("ui.menu.installMoss", "menuInstallMoss");
        install.setOnAction(e -> installHelp.run());
        help.getItems().add(install);

        return new MenuBar(file, view, tools, help);
    }

    private Menu menu(String key) {
        Menu menu = new Menu();
        menu.textProperty().bind(model.i18n().text(key));
        return menu;
    }

    private MenuItem item(String key, String id) {
        MenuItem item = new MenuItem();
        item.setId(id);
        item.textProperty().bind(model.i18n().text(key));
        return item;
    }
}
