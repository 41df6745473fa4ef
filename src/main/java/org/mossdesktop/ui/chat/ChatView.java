// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.Cell;
import org.fxmisc.flowless.VirtualFlow;
import org.fxmisc.flowless.VirtualizedScrollPane;
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
    private final ChatRows rows = new ChatRows(this::redrawn);
    private final VirtualFlow<ChatRows.Row, RowCell> flow;
    private final TextArea composer = new TextArea();
    private boolean following = true;

    public ChatView(ChatViewModel model, I18n i18n, Consumer<String> openLink) {
        this.model = model;
        this.i18n = i18n;
        this.openLink = openLink;
        this.flow = VirtualFlow.createVertical(rows.rows(), RowCell::new);
        root.getStyleClass().add("chat-view");
        StackPane messages = messages();
        root.getChildren().setAll(messages, composerArea());
        VBox.setVgrow(messages, Priority.ALWAYS);
    }

    public Parent root() {
        return root;
    }

    /** Puts the keyboard focus into the composer. */
    public void focusComposer() {
        composer.requestFocus();
    }

    private StackPane messages() {
        flow.setId("messages");
        flow.getStyleClass().add("messages");
        VirtualizedScrollPane<VirtualFlow<ChatRows.Row, RowCell>> scroll = new VirtualizedScrollPane<>(flow);
        scroll.getStyleClass().add("messages-scroll");
        Label placeholder = new Label();
        placeholder.setId("chatPlaceholder");
        placeholder.getStyleClass().add("chat-placeholder");
        placeholder.textProperty().bind(i18n.text("chat.placeholder"));
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(Bindings.isEmpty(rows.rows()));
        placeholder.setMouseTransparent(true);

        // Follow MOSS's reply down while the user is at the bottom; scrolling up stops following.
        flow.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                following = false;
            } else {
                Platform.runLater(() ->
                        following = flow.getLastVisibleIndex() >= rows.rows().size() - 1);
            }
        });
        // An invalidation listener: lists compare by content, so a switch between two empty conversations
        // would not count as a change.
        Runnable follow = () -> {
            rows.follow(model.getMessages());
            following = true;
            scrollToEnd();
        };
        model.messagesProperty().addListener(o -> follow.run());
        follow.run();
        rows.rows().addListener((ListChangeListener<ChatRows.Row>) c -> {
            if (following) {
                scrollToEnd();
            }
        });
        return new StackPane(scroll, placeholder);
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

    // A block's text changed: the cell showing it draws it again, and the list measures it again at its next
    // layout (Flowless re-measures cells that need layout).
    private boolean redrawn(int row) {
        Optional<RowCell> cell = flow.getCellIfVisible(row);
        cell.ifPresent(RowCell::redraw);
        if (cell.isPresent() && following) {
            scrollToEnd();
        }
        return cell.isPresent();
    }

    private void scrollToEnd() {
        if (!rows.rows().isEmpty()) {
            flow.showAsLast(rows.rows().size() - 1);
        }
    }

    /**
     * A cell showing one row of a message: its header, one block of its text, or its footer. Cells are
     * reused; a block whose text grew is drawn again in place, from its own text only.
     */
    private final class RowCell implements Cell<ChatRows.Row, HBox> {
        private MessageParts.Header header;
        private MessageParts.Body body;
        private MessageParts.Footer footer;
        private final HBox row = new HBox();
        private ChatRows.Row item;

        RowCell(ChatRows.Row item) {
            row.getStyleClass().add("message-cell");
            row.setAlignment(Pos.TOP_CENTER);
            updateItem(item);
        }

        @Override
        public HBox getNode() {
            return row;
        }

        @Override
        public boolean isReusable() {
            return true;
        }

        void redraw() {
            updateItem(item);
        }

        @Override
        public void updateItem(ChatRows.Row item) {
            this.item = item;
            MessageParts.Part part = switch (item) {
                case ChatRows.Header h -> {
                    header = header != null ? header : sized(new MessageParts.Header(i18n));
                    header.show(h.message());
                    yield header;
                }
                case ChatRows.Block b -> {
                    body = body != null ? body : sized(new MessageParts.Body(openLink));
                    body.showBlock(b.message(), b.text());
                    yield body;
                }
                case ChatRows.Footer f -> {
                    footer = footer != null ? footer : sized(new MessageParts.Footer(model, i18n));
                    footer.show(f.message());
                    yield footer;
                }
            };
            if (row.getChildren().isEmpty() || row.getChildren().getFirst() != part) {
                row.getChildren().setAll(part);
                // Space between messages: above each header.
                row.setPadding(part == header ? new Insets(14, 12, 0, 12) : new Insets(0, 12, 0, 12));
            }
        }

        @Override
        public void dispose() {
            for (MessageParts.Part part : new MessageParts.Part[] {header, body, footer}) {
                if (part != null) {
                    part.show(null);
                }
            }
        }

        private <P extends MessageParts.Part> P sized(P part) {
            part.setMaxWidth(READING_WIDTH);
            part.prefWidthProperty()
                    .bind(Bindings.min(READING_WIDTH, flow.widthProperty().subtract(48)));
            HBox.setHgrow(part, Priority.ALWAYS);
            return part;
        }
    }
}
