// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Subscription;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.markdown.MarkdownView;

/** The three kinds of rows a message is drawn as: its header, a block of its text, its footer. */
final class MessageParts {

    private MessageParts() {}

    /** A part of a message bubble; its width follows the list, its height follows its wrapped text. */
    abstract static class Part extends VBox {
        private Subscription subscriptions = Subscription.EMPTY;
        private MessageItem item;

        Part(String styleClass) {
            getStyleClass().addAll("message-part", styleClass);
        }

        final void show(MessageItem next) {
            if (next == item) {
                return;
            }
            subscriptions.unsubscribe();
            item = next;
            getStyleClass().removeAll("message-user", "message-moss");
            if (next == null) {
                subscriptions = Subscription.EMPTY;
                return;
            }
            getStyleClass().add(next.role() == Role.USER ? "message-user" : "message-moss");
            subscriptions = bind(next);
        }

        MessageItem item() {
            return item;
        }

        abstract Subscription bind(MessageItem item);

        // A wrapped text's height depends on its width; the list asks with -1, so answer for our width.
        @Override
        protected double computePrefHeight(double width) {
            return super.computePrefHeight(width < 0 ? getPrefWidth() : width);
        }
    }

    /** Who wrote the message, and for MOSS how the reply went (tokens, speed, why it stopped). */
    static final class Header extends Part {
        private final I18n i18n;
        private final Label author = new Label();
        private final Label details = new Label();

        Header(I18n i18n) {
            super("message-header");
            this.i18n = i18n;
            author.getStyleClass().add("message-author");
            details.getStyleClass().add("message-details");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox line = new HBox(8, author, spacer, details);
            line.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(line);
        }

        @Override
        Subscription bind(MessageItem item) {
            boolean user = item.role() == Role.USER;
            return Subscription.combine(
                    i18n.localeProperty().subscribe(l -> {
                        author.setText(i18n.get(user ? "ui.chat.you" : "ui.chat.moss"));
                        details.setText(details(item.infoProperty().get()));
                    }),
                    item.infoProperty().subscribe(info -> details.setText(details(info))));
        }

        private String details(ReplyInfo info) {
            if (item() == null || item().role() == Role.USER || info == null) {
                return "";
            }
            double seconds = info.decodeMillis() / 1000.0;
            String speed = seconds > 0 ? String.format("%.1f", info.generatedTokens() / seconds) : "–";
            String text = i18n.get("ui.chat.details", info.generatedTokens(), speed);
            if (info.finishReason() != FinishReason.EOM && info.finishReason() != FinishReason.STOP_TOKEN) {
                text += " · " + i18n.get("ui.chat.finish." + info.finishReason().name());
            }
            return text;
        }
    }

    /** One block of the text: MOSS's as Markdown, the user's as written. */
    static final class Body extends Part {
        private final MarkdownView markdown;
        private final Label plain = new Label();
        private String text;

        Body(Consumer<String> openLink) {
            super("message-body");
            markdown = new MarkdownView(openLink, this::citation);
            plain.setWrapText(true);
            plain.setMinHeight(Region.USE_PREF_SIZE);
            plain.getStyleClass().add("message-user-text");
        }

        void showBlock(MessageItem item, String block) {
            show(item);
            if (block.equals(text)) {
                return;
            }
            text = block;
            if (item.role() == Role.USER) {
                plain.setText(block);
                getChildren().setAll(plain);
            } else {
                markdown.setMarkdown(block);
                getChildren().setAll(markdown);
            }
        }

        @Override
        Subscription bind(MessageItem item) {
            text = null;
            // Sources that arrive after a block was drawn (or change with the saved reply) relink its citations.
            return item.sourcesProperty().subscribe((old, now) -> {
                if (text != null && item.role() == Role.MOSS) {
                    markdown.redraw();
                }
            });
        }

        private Optional<String> citation(int n) {
            MessageItem item = item();
            return item == null
                    ? Optional.empty()
                    : item.sourcesProperty().get().get(n).map(ToolResult.Snippet::url);
        }
    }

    /** Inner thoughts, commands and results (collapsed), errors, and the actions Copy and Edit. */
    static final class Footer extends Part {
        private final ChatViewModel model;
        private final I18n i18n;
        private final Label writing = new Label();
        private final Label error = new Label();
        private final TitledPane thoughts;
        private final TitledPane commands;
        private final TitledPane results;
        private final Button copy = new Button();
        private final Button edit = new Button();

        Footer(ChatViewModel model, I18n i18n) {
            super("message-footer");
            this.model = model;
            this.i18n = i18n;
            writing.getStyleClass().add("message-writing");
            writing.textProperty().bind(i18n.text("ui.chat.writing"));
            error.getStyleClass().add("message-error");
            error.setWrapText(true);
            error.setMinHeight(Region.USE_PREF_SIZE);
            thoughts = section("ui.chat.innerThoughts", "innerThoughts");
            commands = section("ui.chat.commands", "commands");
            results = section("ui.chat.results", "results");
            action(copy, "ui.chat.copy", "copy");
            copy.setOnAction(e -> copyToClipboard(item() == null ? "" : item().getText()));
            action(edit, "ui.chat.edit", "edit");
            edit.setOnAction(e -> model.startEdit(item()));
            HBox actions = new HBox(4, copy, edit);
            actions.getStyleClass().add("message-actions");
            getChildren().setAll(writing, thoughts, commands, results, error, actions);
        }

        @Override
        Subscription bind(MessageItem item) {
            boolean user = item.role() == Role.USER;
            edit.setVisible(user);
            edit.setManaged(user);
            edit.disableProperty().bind(model.generatingProperty());
            return Subscription.combine(
                    item.streamingProperty().subscribe(s -> updateWriting()),
                    item.textProperty().subscribe(t -> updateWriting()),
                    bindSection(thoughts, item.innerThoughtsProperty()),
                    bindSection(commands, item.commandsProperty()),
                    bindSection(results, item.resultsProperty()),
                    item.errorProperty().subscribe(this::updateError));
        }

        private void updateWriting() {
            MessageItem item = item();
            boolean streaming = item != null && item.isStreaming();
            boolean show = streaming && item.getText().isEmpty();
            if (writing.isVisible() != show) {
                writing.setVisible(show);
                writing.setManaged(show);
            }
            copy.setDisable(streaming);
        }

        private void updateError(String message) {
            error.setText(message);
            error.setVisible(!message.isEmpty());
            error.setManaged(!message.isEmpty());
        }

        private Subscription bindSection(TitledPane pane, ObservableValue<String> text) {
            return text.subscribe(value -> {
                boolean present =
                        value != null && !value.isBlank() && !value.strip().equals("None");
                pane.setVisible(present);
                pane.setManaged(present);
                ((Text) ((TextFlow) pane.getContent()).getChildren().getFirst()).setText(present ? value.strip() : "");
            });
        }

        private TitledPane section(String key, String id) {
            TextFlow content = new TextFlow(new Text());
            content.getStyleClass().add("message-section-text");
            TitledPane pane = new TitledPane();
            pane.textProperty().bind(i18n.text(key));
            pane.setContent(content);
            pane.setExpanded(false);
            pane.setAnimated(false);
            pane.getStyleClass().addAll("message-section", "section-" + id);
            pane.setVisible(false);
            pane.setManaged(false);
            return pane;
        }

        private void action(Button button, String key, String styleClass) {
            button.textProperty().bind(i18n.text(key));
            button.getStyleClass().addAll("message-action", "action-" + styleClass, "flat", "small");
            button.setFocusTraversable(false);
        }

        private static void copyToClipboard(String text) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }
}
