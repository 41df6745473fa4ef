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
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.markdown.MarkdownView;

/**
 * One message on screen: who wrote it, its text (MOSS's as Markdown), the plugin model's inner thoughts,
 * commands and results as collapsed sections, and the actions Copy and Edit. A bubble shows one
 * {@link MessageItem} at a time and follows it while it streams.
 */
final class MessageBubble extends VBox {

    private final ChatViewModel model;
    private final I18n i18n;
    private final Label author = new Label();
    private final Label details = new Label();
    private final VBox body = new VBox();
    private final Label userText = new Label();
    private final MarkdownView markdown;
    private final Label writing = new Label();
    private final Label error = new Label();
    private final TitledPane thoughts;
    private final TitledPane commands;
    private final TitledPane results;
    private final Button copy = new Button();
    private final Button edit = new Button();
    private MessageItem item;
    private Subscription subscriptions = Subscription.EMPTY;

    MessageBubble(ChatViewModel model, I18n i18n, Consumer<String> openLink) {
        this.model = model;
        this.i18n = i18n;
        this.markdown = new MarkdownView(openLink, this::citation);
        this.thoughts = section("ui.chat.innerThoughts", "innerThoughts");
        this.commands = section("ui.chat.commands", "commands");
        this.results = section("ui.chat.results", "results");
        getStyleClass().add("message");
        author.getStyleClass().add("message-author");
        details.getStyleClass().add("message-details");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, author, spacer, details);
        header.setAlignment(Pos.CENTER_LEFT);

        userText.setWrapText(true);
        userText.getStyleClass().add("message-user-text");
        userText.setMinHeight(Region.USE_PREF_SIZE);
        writing.getStyleClass().add("message-writing");
        writing.textProperty().bind(i18n.text("ui.chat.writing"));
        error.getStyleClass().add("message-error");
        error.setWrapText(true);

        action(copy, "ui.chat.copy", "copy");
        copy.setOnAction(e -> copyToClipboard(item == null ? "" : item.getText()));
        action(edit, "ui.chat.edit", "edit");
        edit.setOnAction(e -> model.startEdit(item));
        HBox actions = new HBox(4, copy, edit);
        actions.getStyleClass().add("message-actions");

        getChildren().setAll(header, body, error, actions);
    }

    /** Shows {@code next}, or nothing; listeners on the previous item are removed. */
    void show(MessageItem next) {
        if (next == item) {
            return;
        }
        subscriptions.unsubscribe();
        item = next;
        if (next == null) {
            subscriptions = Subscription.EMPTY;
            return;
        }
        boolean user = next.role() == Role.USER;
        getStyleClass().removeAll("message-user", "message-moss");
        getStyleClass().add(user ? "message-user" : "message-moss");
        author.textProperty().bind(i18n.text(user ? "ui.chat.you" : "ui.chat.moss"));
        edit.setVisible(user);
        edit.setManaged(user);
        edit.disableProperty().bind(model.generatingProperty());

        Subscription text;
        if (user) {
            markdown.setMarkdown("");
            body.getChildren().setAll(userText);
            text = next.textProperty().subscribe(userText::setText);
        } else {
            body.getChildren().setAll(markdown, writing, thoughts, commands, results);
            text = next.textProperty().subscribe(markdown::setMarkdown);
        }
        subscriptions = Subscription.combine(
                text,
                next.streamingProperty().subscribe(this::updateWriting),
                next.textProperty().subscribe(t -> updateWriting(next.isStreaming())),
                bindSection(thoughts, next.innerThoughtsProperty()),
                bindSection(commands, next.commandsProperty()),
                bindSection(results, next.resultsProperty()),
                next.errorProperty().subscribe(this::updateError),
                next.infoProperty().subscribe(this::updateDetails),
                next.streamingProperty()
                        .subscribe(s -> updateDetails(next.infoProperty().get())),
                i18n.localeProperty()
                        .subscribe(l -> updateDetails(next.infoProperty().get())));
    }

    MessageItem item() {
        return item;
    }

    private void updateWriting(boolean streaming) {
        boolean show = streaming && item != null && item.getText().isEmpty();
        writing.setVisible(show);
        writing.setManaged(show);
        copy.setDisable(streaming);
    }

    private void updateError(String message) {
        error.setText(message);
        error.setVisible(!message.isEmpty());
        error.setManaged(!message.isEmpty());
    }

    private void updateDetails(ReplyInfo info) {
        if (item == null || item.role() == Role.USER || info == null) {
            details.setText("");
            return;
        }
        double seconds = info.decodeMillis() / 1000.0;
        String speed = seconds > 0 ? String.format("%.1f", info.generatedTokens() / seconds) : "–";
        String text = i18n.get("ui.chat.details", info.generatedTokens(), speed);
        if (info.finishReason() != FinishReason.EOM && info.finishReason() != FinishReason.STOP_TOKEN) {
            text += " · " + i18n.get("ui.chat.finish." + info.finishReason().name());
        }
        details.setText(text);
    }

    private Optional<String> citation(int n) {
        if (item == null || n < 1 || n > item.sources().size()) {
            return Optional.empty();
        }
        return Optional.of(item.sources().get(n - 1).url());
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

    // A wrapped text's height depends on its width; the list asks with -1, so answer for our width.
    @Override
    protected double computePrefHeight(double width) {
        return super.computePrefHeight(width < 0 ? getPrefWidth() : width);
    }
}
