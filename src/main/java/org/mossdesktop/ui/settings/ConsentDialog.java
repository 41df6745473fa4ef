// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.plugins.EndpointConsent;
import org.mossdesktop.ui.I18n;

/**
 * Asks the user, in a dialog, whether a tool may send requests to an endpoint it has not used before. The
 * tool's thread waits for the answer; the dialog runs on the FX thread.
 */
public final class ConsentDialog implements EndpointConsent.Question {

    private final I18n i18n;
    private final Supplier<Window> owner;

    public ConsentDialog(I18n i18n, Supplier<Window> owner) {
        this.i18n = i18n;
        this.owner = owner;
    }

    @Override
    public boolean allow(Tool tool, String endpoint) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("a tool must not ask for consent on the FX thread");
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(ask(tool, endpoint));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (ExecutionException e) {
            return false;
        }
    }

    private boolean ask(Tool tool, String endpoint) {
        ButtonType allow = new ButtonType(i18n.get("ui.consent.allow"), ButtonBar.ButtonData.OK_DONE);
        ButtonType deny = new ButtonType(i18n.get("ui.consent.deny"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(
                Alert.AlertType.CONFIRMATION,
                i18n.get("ui.consent.question", i18n.get("ui.settings.plugins." + tool.api()), endpoint),
                deny,
                allow);
        alert.setTitle(i18n.get("ui.consent.title"));
        alert.setHeaderText(i18n.get("ui.consent.title"));
        Window parent = owner.get();
        if (parent != null) {
            alert.initOwner(parent);
        }
        return alert.showAndWait().filter(allow::equals).isPresent();
    }
}
