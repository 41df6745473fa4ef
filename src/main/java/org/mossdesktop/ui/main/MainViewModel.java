// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.main;

import java.time.Clock;
import java.util.Locale;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.chat.ChatBackend;
import org.mossdesktop.ui.chat.ChatViewModel;
import org.mossdesktop.ui.conversations.ConversationLibrary;
import org.mossdesktop.ui.conversations.ConversationListViewModel;
import org.mossdesktop.ui.settings.ModelControl;
import org.mossdesktop.ui.settings.SettingsStore;
import org.mossdesktop.ui.settings.SettingsViewModel;
import org.mossdesktop.ui.status.StatusBarViewModel;

/**
 * The main window's state: the conversation list, the chat of the selected conversation, the status bar
 * and the settings, tied together. The selected conversation is remembered across restarts.
 */
public final class MainViewModel {

    /** Titles longer than this are cut when a conversation is named after its first message. */
    static final int TITLE_LENGTH = 40;

    private final I18n i18n;
    private final StringBinding title;
    private final SettingsViewModel settings;
    private final ConversationListViewModel conversations;
    private final ChatViewModel chat;
    private final StatusBarViewModel status;

    public MainViewModel(
            I18n i18n,
            String version,
            ChatBackend backend,
            ConversationLibrary library,
            SettingsStore store,
            ModelControl models,
            Clock clock) {
        this.i18n = i18n;
        this.title = i18n.text("app.title", version);
        this.settings = new SettingsViewModel(store, i18n, models);
        this.conversations = new ConversationListViewModel(library, clock, () -> i18n.get("ui.conversations.newTitle"));
        this.chat = new ChatViewModel(backend);
        this.status = new StatusBarViewModel(i18n);

        chat.setNewConversation(conversations::create);
        chat.setOnSent(this::nameAfterFirstMessage);
        conversations.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                chat.showNone();
            } else {
                chat.show(now.id());
            }
            if (old == null || now == null || old.id() != now.id()) {
                status.clearNumbers();
            }
            settings.rememberSelectedConversation(now == null ? null : now.id());
            settings.conversationProperty().set(now);
        });
        settings.setOnConversationSettings(conversations::setSettings);
        settings.selectedConversation().ifPresent(conversations::select);
        chat.progressProperty().addListener((obs, old, now) -> status.showProgress(now));
        chat.lastReplyProperty().addListener((obs, old, now) -> status.showReply(now));
        status.modelProperty().bind(settings.loadedModelProperty());
        status.placementProperty().bind(settings.placementSummaryProperty());
        settings.themeProperty().subscribe(Theme::apply);
    }

    /** A conversation still called "New conversation" takes the first line of its first message as title. */
    private void nameAfterFirstMessage(long id, String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            conversations.refresh();
            return;
        }
        String untitled = i18n.get("ui.conversations.newTitle");
        conversations.renameIf(
                id, untitled::equals, line.length() > TITLE_LENGTH ? line.substring(0, TITLE_LENGTH) + "…" : line);
    }

    public I18n i18n() {
        return i18n;
    }

    public StringBinding titleProperty() {
        return title;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public ConversationListViewModel conversations() {
        return conversations;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public StatusBarViewModel status() {
        return status;
    }

    public ObjectProperty<Theme> themeProperty() {
        return settings.themeProperty();
    }

    public void setLanguage(Locale locale) {
        i18n.setLocale(locale);
    }

    public void setDarkTheme(boolean dark) {
        settings.themeProperty().set(dark ? Theme.DARK : Theme.LIGHT);
    }
}
