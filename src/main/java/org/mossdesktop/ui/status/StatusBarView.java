// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.status;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status bar at the bottom of the main window. */
public final class StatusBarView {

    /** Where the README says how to install MOSS itself. */
    public static final String INSTALL_MOSS_ANCHOR = "#use-the-real-moss";

    private final HBox root = new HBox();

    /**
     * @param installHelp opens the README section on installing MOSS (the demo badge's link)
     */
    public StatusBarView(StatusBarViewModel model, Runnable installHelp) {
        var i18n = model.i18n();
        root.getStyleClass().add("status-bar");
        root.setAlignment(Pos.CENTER_LEFT);

        Label name = new Label();
        name.setId("status");
        name.getStyleClass().add("status-model");
        name.textProperty().bind(model.modelText());

        Hyperlink demo = new Hyperlink();
        demo.setId("demoBadge");
        demo.getStyleClass().add("demo-badge");
        demo.textProperty().bind(i18n.text("ui.status.demo"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(i18n.text("ui.status.demo.tooltip"));
        demo.setTooltip(tip);
        demo.setOnAction(e -> installHelp.run());
        demo.visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.modelProperty().get() != null
                                && model.modelProperty().get().demo(),
                        model.modelProperty()));
        demo.managedProperty().bind(demo.visibleProperty());

        Label placement = new Label();
        placement.setId("statusPlacement");
        placement.textProperty().bind(model.placementProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label ttft = new Label();
        ttft.setId("statusTtft");
        ttft.textProperty().bind(model.ttftText());
        Label speed = new Label();
        speed.setId("statusSpeed");
        speed.textProperty().bind(model.speedText());
        Label context = new Label();
        context.setId("statusContext");
        context.textProperty().bind(model.contextText());
        ProgressBar contextBar = new ProgressBar();
        contextBar.setPrefWidth(90);
        contextBar
                .progressProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> model.contextUsedProperty().get() / (double) model.contextLength(),
                        model.contextUsedProperty(),
                        model.modelProperty()));

        root.getChildren().setAll(name, demo, placement, spacer, ttft, speed, context, contextBar);
    }

    public Parent root() {
        return root;
    }
}
