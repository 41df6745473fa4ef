// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.chat;

import java.util.List;
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
        // Inner thoughts, commands, results: made when a message first has one (most replies have none, and a
        // TitledPane is a control with a skin: costly to build and to style each time a row is shown).
        private final Section thoughts = new Section("ui.chat.innerThoughts", "innerThoughts");
        private final Section commands = new Section("ui.chat.commands", "commands");
        private final Section results = new Section("ui.chat.results", "results");
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
            action(copy, "ui.chat.copy", "copy");
            copy.setOnAction(e -> copyToClipboard(item() == null ? "" : item().getText()));
            action(edit, "ui.chat.edit", "edit");
            edit.setOnAction(e -> model.startEdit(item()));
            HBox actions = new HBox(4, copy, edit);
            actions.getStyleClass().add("message-actions");
            getChildren().setAll(writing, error, actions);
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

        private Subscription bindSection(Section section, ObservableValue<String> text) {
            return text.subscribe(value -> {
                boolean present =
                        value != null && !value.isBlank() && !value.strip().equals("None");
                section.show(present ? value.strip() : null);
            });
        }

        /** One collapsible section, its pane built the first time it has text. */
        private final class Section {
            private final String key;
            private final String id;
            private TitledPane pane;
            private Text text;

            Section(String key, String id) {
                this.key = key;
                this.id = id;
            }

            void show(String value) {
                if (value == null) {
                    if (pane != null) {
                        pane.setVisible(false);
                        pane.setManaged(false);
                        text.setText("");
                    }
                    return;
                }
                if (pane == null) {
                    build();
                }
                pane.setVisible(true);
                pane.setManaged(true);
                text.setText(value);
            }

            private void build() {
                text = new Text();
                TextFlow content = new TextFlow(text);
                content.getStyleClass().add("message-section-text");
                pane = new TitledPane();
                pane.textProperty().bind(i18n.text(key));
                pane.setContent(content);
                pane.setExpanded(false);
                pane.setAnimated(false);
                pane.getStyleClass().addAll("message-section", "section-" + id);
                // In order: after "writing…" and the sections before this one.
                int at = getChildren().indexOf(writing) + 1;
                for (Section before : List.of(thoughts, commands, results)) {
                    if (before == this) {
                        break;
                    }
                    at += before.pane != null ? 1 : 0;
                }
                getChildren().add(at, pane);
            }
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
