// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.mossdesktop.ui.I18n;

/**
 * The conversation: a virtualised list of messages (only the visible ones exist as nodes, so 500+
 * messages scroll smoothly), MOSS's reply streaming into the last one, and the composer below. Enter
 * sends, Shift+Enter starts a new line, Esc stops MOSS or leaves editing.
 */
public final class ChatView {

    private static final double READING_WIDTH = 860;

    private final ChatViewModel model;
    private final I18n i18n;
    private final Consumer<String> openLink;
    private final VBox root = new VBox();
    private final ListView<MessageItem> list = new ListView<>();
    private final TextArea composer = new TextArea();
    private boolean following = true;

    public ChatView(ChatViewModel model, I18n i18n, Consumer<String> openLink) {
        this.model = model;
        this.i18n = i18n;
        this.openLink = openLink;
        root.getStyleClass().add("chat-view");
        root.getChildren().setAll(messages(), composerArea());
        VBox.setVgrow(list, Priority.ALWAYS);
    }

    public Parent root() {
        return root;
    }

    /** Puts the keyboard focus into the composer. */
    public void focusComposer() {
        composer.requestFocus();
    }

    private ListView<MessageItem> messages() {
        list.setId("messages");
        list.getStyleClass().add("messages");
        list.itemsProperty().bind(model.messagesProperty());
        list.setCellFactory(v -> new MessageCell());
        list.setFocusTraversable(false);
        Label placeholder = new Label();
        placeholder.setId("chatPlaceholder");
        placeholder.getStyleClass().add("chat-placeholder");
        placeholder.textProperty().bind(i18n.text("chat.placeholder"));
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);

        // Follow MOSS's reply down while the user is at the bottom; scrolling up stops following.
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false;
            } else {
                Platform.runLater(() -> following = atBottom());
            }
        });
        ListChangeListener<MessageItem> added = c -> {
            following = true;
            scrollToEnd();
        };
        model.messagesProperty().subscribe((old, now) -> {
            if (old != null) {
                old.removeListener(added);
            }
            now.addListener(added);
            following = true;
            scrollToEnd();
        });
        return list;
    }

    private VBox composerArea() {
        composer.setId("composer");
        composer.getStyleClass().add("composer");
        composer.setPrefRowCount(3);
        composer.setWrapText(true);
        composer.promptTextProperty().bind(i18n.text("chat.composer.prompt"));
        composer.textProperty().bindBidirectional(model.draftProperty());
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);

        Button send = new Button();
        send.setId("send");
        send.getStyleClass().add("accent");
        send.textProperty()
                .bind(Bindings.when(model.editingProperty().isNotNull())
                        .then(i18n.text("ui.chat.resend"))
                        .otherwise(i18n.text("chat.send")));
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(e -> model.send());
        send.visibleProperty().bind(model.generatingProperty().not());
        send.managedProperty().bind(send.visibleProperty());
        send.setMaxWidth(Double.MAX_VALUE);

        Button stop = new Button();
        stop.setId("stop");
        stop.getStyleClass().add("danger");
        stop.textProperty().bind(i18n.text("ui.chat.stop"));
        stop.setOnAction(e -> model.stop());
        stop.visibleProperty().bind(model.generatingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setMaxWidth(Double.MAX_VALUE);

        Button regenerate = new Button();
        regenerate.setId("regenerate");
        regenerate.getStyleClass().add("flat");
        regenerate.textProperty().bind(i18n.text("ui.chat.regenerate"));
        regenerate.disableProperty().bind(model.canRegenerateProperty().not());
        regenerate.setOnAction(e -> model.regenerate());
        regenerate.setMaxWidth(Double.MAX_VALUE);

        VBox buttons = new VBox(6, send, stop, regenerate);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setPrefWidth(120);
        HBox row = new HBox(8, composer, buttons);
        HBox.setHgrow(composer, Priority.ALWAYS);

        Label hint = new Label();
        hint.getStyleClass().add("composer-hint");
        hint.textProperty().bind(i18n.text("ui.chat.hint"));

        VBox area = new VBox(6, editBanner(), replaceBanner(), row, hint);
        area.getStyleClass().add("composer-area");
        area.setMaxWidth(READING_WIDTH + 140);
        VBox outer = new VBox(area);
        outer.setAlignment(Pos.CENTER);
        outer.getStyleClass().add("composer-outer");
        return outer;
    }

    private HBox editBanner() {
        Label text = new Label();
        text.textProperty().bind(i18n.text("ui.chat.editing"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button cancel = new Button();
        cancel.setId("cancelEdit");
        cancel.getStyleClass().addAll("flat", "small");
        cancel.textProperty().bind(i18n.text("ui.chat.cancelEdit"));
        cancel.setOnAction(e -> model.cancelEdit());
        HBox banner = banner("editBanner", text, spacer, cancel);
        banner.visibleProperty()
                .bind(model.editingProperty()
                        .isNotNull()
                        .and(model.replacingProperty().isEqualTo(0)));
        return banner;
    }

    private HBox replaceBanner() {
        Label text = new Label();
        text.setId("replaceQuestion");
        text.setWrapText(true);
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> i18n.get(
                                "ui.chat.replaceQuestion",
                                model.replacingProperty().get()),
                        model.replacingProperty(),
                        i18n.localeProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button confirm = new Button();
        confirm.setId("confirmReplace");
        confirm.getStyleClass().addAll("danger", "small");
        confirm.textProperty().bind(i18n.text("ui.chat.replaceConfirm"));
        confirm.setOnAction(e -> model.confirmReplace());
        Button decline = new Button();
        decline.setId("declineReplace");
        decline.getStyleClass().addAll("flat", "small");
        decline.textProperty().bind(i18n.text("ui.chat.replaceDecline"));
        decline.setOnAction(e -> model.declineReplace());
        HBox banner = banner("replaceBanner", text, spacer, confirm, decline);
        banner.visibleProperty().bind(model.replacingProperty().greaterThan(0));
        return banner;
    }

    private static HBox banner(String id, Node... children) {
        HBox banner = new HBox(8, children);
        banner.setId(id);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("banner");
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void composerKey(KeyEvent e) {
        if (e.getCode() == KeyCode.ENTER) {
            e.consume();
            if (e.isShiftDown()) {
                composer.replaceSelection("\n");
            } else if (model.replacingProperty().get() > 0) {
                model.confirmReplace();
            } else {
                // Enter and Ctrl+Enter send; while MOSS writes the draft simply stays.
                model.send();
            }
        } else if (e.getCode() == KeyCode.ESCAPE) {
            e.consume();
            model.escape();
        }
    }

    private void scrollToEnd() {
        ObservableList<MessageItem> items = list.getItems();
        if (items == null || items.isEmpty()) {
            return;
        }
        list.scrollTo(items.size() - 1);
        Platform.runLater(() -> {
            if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollPixels(Double.MAX_VALUE / 4);
            }
        });
    }

    private boolean atBottom() {
        for (Node node : list.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return !bar.isVisible() || bar.getValue() >= bar.getMax() - 1e-3 * Math.max(1, bar.getMax());
            }
        }
        return true;
    }

    /** A list cell showing one bubble; the bubble follows the item's growing text while it streams. */
    private final class MessageCell extends ListCell<MessageItem> {
        private final MessageBubble bubble = new MessageBubble(model, i18n, openLink);
        private final HBox row = new HBox(bubble);

        MessageCell() {
            getStyleClass().add("message-cell");
            setPrefWidth(0);
            row.setAlignment(Pos.TOP_CENTER);
            HBox.setHgrow(bubble, Priority.ALWAYS);
            bubble.maxWidthProperty().set(READING_WIDTH);
            bubble.prefWidthProperty()
                    .bind(Bindings.min(READING_WIDTH, list.widthProperty().subtract(48)));
            bubble.heightProperty().subscribe(h -> {
                if (following && bubble.item() != null && bubble.item().isStreaming()) {
                    scrollToEnd();
                }
            });
        }

        @Override
        protected void updateItem(MessageItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                bubble.show(null);
                setGraphic(null);
            } else {
                bubble.show(item);
                setGraphic(row);
            }
        }
    }
}
