// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.conversations;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.conversations.ConversationListViewModel.Entry;
import org.mossdesktop.ui.conversations.ConversationListViewModel.Heading;
import org.mossdesktop.ui.conversations.ConversationListViewModel.Row;

/**
 * The sidebar: New, search, the conversations grouped by date, and an undo bar after a delete. F2 or a
 * double click renames in place, Delete deletes, the context menu pins.
 */
public final class ConversationListView {

    private final ConversationListViewModel model;
    private final I18n i18n;
    private final VBox root = new VBox();
    private final TextField search = new TextField();
    private final ListView<Row> list = new ListView<>();
    private boolean selecting;

    public ConversationListView(ConversationListViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        root.getStyleClass().add("sidebar");
        root.setMinWidth(220);
        root.setPrefWidth(270);

        Button create = new Button();
        create.setId("newConversation");
        create.getStyleClass().add("accent");
        create.textProperty().bind(i18n.text("conversations.new"));
        create.setMaxWidth(Double.MAX_VALUE);
        create.setOnAction(e -> model.create());

        search.setId("conversationSearch");
        search.promptTextProperty().bind(i18n.text("conversations.search.prompt"));
        search.textProperty().bindBidirectional(model.queryProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                list.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                list.requestFocus();
            }
        });

        list.setId("conversationList");
        list.setItems(model.rows());
        list.setCellFactory(v -> new ConversationCell());
        Label empty = new Label();
        empty.textProperty()
                .bind(Bindings.when(model.queryProperty().isEmpty())
                        .then(i18n.text("conversations.empty"))
                        .otherwise(i18n.text("ui.conversations.noMatch")));
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (selecting) {
                return;
            }
            if (now instanceof Entry entry) {
                model.select(entry.conversation());
            } else if (now instanceof Heading) {
                // Headings are not selectable: keep the previous choice.
                Platform.runLater(this::showSelection);
            }
        });
        list.setOnKeyPressed(e -> {
            Conversation current = model.selectedProperty().get();
            if (current == null) {
                return;
            }
            if (e.getCode() == KeyCode.F2) {
                model.startRename(current.id());
            } else if (e.getCode() == KeyCode.DELETE) {
                model.delete(current.id());
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> showSelection());
        model.rows().addListener((javafx.collections.ListChangeListener<Row>) c -> showSelection());
        VBox.setVgrow(list, Priority.ALWAYS);

        root.getChildren().setAll(create, search, list, undoBar());
        showSelection();
    }

    public Parent root() {
        return root;
    }

    /** Ctrl+F: into the search field. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private void showSelection() {
        selecting = true;
        try {
            Conversation current = model.selectedProperty().get();
            int index = -1;
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i) instanceof Entry e
                        && current != null
                        && e.conversation().id() == current.id()) {
                    index = i;
                }
            }
            if (index < 0) {
                list.getSelectionModel().clearSelection();
            } else {
                list.getSelectionModel().select(index);
            }
        } finally {
            selecting = false;
        }
    }

    private HBox undoBar() {
        Label text = new Label();
        text.setId("undoText");
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> model.deletedProperty().get() == null
                                ? ""
                                : i18n.get(
                                        "ui.conversations.deleted",
                                        model.deletedProperty().get().title()),
                        model.deletedProperty(),
                        i18n.localeProperty()));
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button undo = new Button();
        undo.setId("undoDelete");
        undo.getStyleClass().addAll("small", "accent");
        undo.textProperty().bind(i18n.text("ui.conversations.undo"));
        undo.setOnAction(e -> model.undoDelete());
        Button close = new Button("×");
        close.getStyleClass().addAll("small", "flat");
        close.setOnAction(e -> model.dismissUndo());
        HBox bar = new HBox(6, text, undo, close);
        bar.setId("undoBar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("undo-bar");
        bar.visibleProperty().bind(model.deletedProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** A heading, or a conversation: its title (or a field while renaming) and a pin mark. */
    private final class ConversationCell extends ListCell<Row> {
        private final Label title = new Label();
        private final TextField editor = new TextField();
        private final HBox entry = new HBox(6);
        private final Label heading = new Label();

        ConversationCell() {
            title.getStyleClass().add("conversation-title");
            title.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(title, Priority.ALWAYS);
            HBox.setHgrow(editor, Priority.ALWAYS);
            entry.setAlignment(Pos.CENTER_LEFT);
            heading.getStyleClass().add("conversation-group");
            setPrefWidth(0);
            editor.setId("renameField");
            editor.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER && getItem() instanceof Entry en) {
                    model.rename(en.conversation().id(), editor.getText());
                    list.requestFocus();
                } else if (e.getCode() == KeyCode.ESCAPE) {
                    model.cancelRename();
                    list.requestFocus();
                }
            });
            editor.focusedProperty().addListener((obs, was, is) -> {
                if (!is && getItem() instanceof Entry en && isRenaming(en)) {
                    model.rename(en.conversation().id(), editor.getText());
                }
            });
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() instanceof Entry en) {
                    model.startRename(en.conversation().id());
                }
            });
            model.renamingProperty().addListener((obs, old, now) -> updateItem(getItem(), isEmpty()));
        }

        private boolean isRenaming(Entry en) {
            Long id = model.renamingProperty().get();
            return id != null && id == en.conversation().id();
        }

        @Override
        protected void updateItem(Row item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("group-cell");
            setContextMenu(null);
            setText(null);
            switch (empty ? null : item) {
                case null -> setGraphic(null);
                case Heading h -> {
                    getStyleClass().add("group-cell");
                    heading.textProperty().bind(i18n.text(h.group().key()));
                    setGraphic(heading);
                }
                case Entry en -> {
                    Conversation c = en.conversation();
                    if (isRenaming(en)) {
                        editor.setText(c.title());
                        entry.getChildren().setAll(editor);
                        setGraphic(entry);
                        Platform.runLater(() -> {
                            editor.requestFocus();
                            editor.selectAll();
                        });
                    } else {
                        title.setText(c.title());
                        entry.getChildren().setAll(title);
                        setGraphic(entry);
                    }
                    setContextMenu(menu(c));
                }
            }
        }

        private ContextMenu menu(Conversation c) {
            MenuItem rename = new MenuItem(i18n.get("ui.conversations.rename"));
            rename.setId("renameConversation");
            rename.setOnAction(e -> model.startRename(c.id()));
            MenuItem pin = new MenuItem(i18n.get(c.pinned() ? "ui.conversations.unpin" : "ui.conversations.pin"));
            pin.setId("pinConversation");
            pin.setOnAction(e -> model.togglePin(c.id()));
            MenuItem delete = new MenuItem(i18n.get("ui.conversations.delete"));
            delete.setId("deleteConversation");
            delete.setOnAction(e -> model.delete(c.id()));
            return new ContextMenu(rename, pin, delete);
        }
    }
}
