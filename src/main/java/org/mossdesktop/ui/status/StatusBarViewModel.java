// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.status;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mossdesktop.chat.ReplyEvent;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.settings.ModelControl.ModelSummary;

/**
 * The status bar: the model (with a badge when it is the bundled demo), where its stages run, and the
 * last reply's time to first token, speed and how much of the context window the conversation uses.
 */
public final class StatusBarViewModel {

    public static final int MOSS_CONTEXT = 2048;

    private final I18n i18n;
    private final ObjectProperty<ModelSummary> model = new SimpleObjectProperty<>(this, "model");
    private final StringProperty placement = new SimpleStringProperty(this, "placement", "");
    private final LongProperty ttftMillis = new SimpleLongProperty(this, "ttftMillis", -1);
    private final ObjectProperty<Double> tokensPerSecond = new SimpleObjectProperty<>(this, "tokensPerSecond");
    private final IntegerProperty contextUsed = new SimpleIntegerProperty(this, "contextUsed");
    private final StringBinding modelText;
    private final StringBinding ttftText;
    private final StringBinding speedText;
    private final StringBinding contextText;

    public StatusBarViewModel(I18n i18n) {
        this.i18n = i18n;
        modelText = Bindings.createStringBinding(
                () -> model.get() == null
                        ? i18n.get("status.noModel")
                        : model.get().name(),
                model,
                i18n.localeProperty());
        ttftText = Bindings.createStringBinding(
                () -> ttftMillis.get() < 0 ? "" : i18n.get("ui.status.ttft", ttftMillis.get()),
                ttftMillis,
                i18n.localeProperty());
        speedText = Bindings.createStringBinding(
                () -> tokensPerSecond.get() == null
                        ? ""
                        : i18n.get("ui.status.speed", String.format("%.1f", tokensPerSecond.get())),
                tokensPerSecond,
                i18n.localeProperty());
        contextText = Bindings.createStringBinding(
                () -> i18n.get("ui.status.context", contextUsed.get(), contextLength()),
                contextUsed,
                model,
                i18n.localeProperty());
    }

    /** Live numbers while MOSS writes. */
    public void showProgress(ReplyEvent.Progress progress) {
        if (progress == null) {
            return;
        }
        ttftMillis.set(progress.timeToFirstTokenMillis());
        long decode = progress.elapsedMillis() - progress.timeToFirstTokenMillis();
        if (decode > 0 && progress.generatedTokens() > 1) {
            tokensPerSecond.set((progress.generatedTokens() - 1) * 1000.0 / decode);
        }
        contextUsed.set(progress.promptTokens() + progress.generatedTokens());
    }

    /** The numbers of a finished reply. */
    public void showReply(ReplyInfo info) {
        if (info == null) {
            return;
        }
        ttftMillis.set(info.timeToFirstTokenMillis());
        if (info.decodeMillis() > 0) {
            tokensPerSecond.set(info.generatedTokens() * 1000.0 / info.decodeMillis());
        }
        contextUsed.set(info.promptTokens() + info.generatedTokens());
    }

    /** Clears the numbers (another conversation is shown). */
    public void clearNumbers() {
        ttftMillis.set(-1);
        tokensPerSecond.set(null);
        contextUsed.set(0);
    }

    public int contextLength() {
        return model.get() == null ? MOSS_CONTEXT : model.get().contextLength();
    }

    public I18n i18n() {
        return i18n;
    }

    public ObjectProperty<ModelSummary> modelProperty() {
        return model;
    }

    public StringProperty placementProperty() {
        return placement;
    }

    public IntegerProperty contextUsedProperty() {
        return contextUsed;
    }

    public StringBinding modelText() {
        return modelText;
    }

    public StringBinding ttftText() {
        return ttftText;
    }

    public StringBinding speedText() {
        return speedText;
    }

    public StringBinding contextText() {
        return contextText;
    }
}
