// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.settings;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.settings.ModelControl.Device;
import org.mossdesktop.ui.settings.PlacementViewModel.DeviceLoad;
import org.mossdesktop.ui.settings.PlacementViewModel.StageRow;

/** The GPU placement panel: devices, one row per stage with a device picker, Auto, and the estimates. */
public final class PlacementView {

    private final PlacementViewModel model;
    private final I18n i18n;
    private final VBox root = new VBox();
    private final GridPane deviceTable = new GridPane();
    private final GridPane stageTable = new GridPane();
    private final VBox estimates = new VBox(6);

    public PlacementView(PlacementViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        root.getStyleClass().add("settings-page");
        root.setId("placementPanel");

        Label noGpu = new Label();
        noGpu.setId("noGpuNote");
        noGpu.getStyleClass().add("settings-note");
        noGpu.setWrapText(true);
        noGpu.textProperty().bind(i18n.text("ui.placement.noGpu"));
        noGpu.visibleProperty().bind(model.hasGpuProperty().not());
        noGpu.managedProperty().bind(noGpu.visibleProperty());

        Button auto = new Button();
        auto.setId("autoPlacement");
        auto.textProperty().bind(i18n.text("ui.placement.auto"));
        auto.setOnAction(e -> model.auto());
        auto.disableProperty().bind(model.modelProperty().isNull());

        Label warning = new Label();
        warning.setId("placementWarning");
        warning.getStyleClass().add("placement-warning");
        warning.setWrapText(true);
        warning.textProperty().bind(i18n.text("ui.placement.doesNotFit"));
        warning.visibleProperty().bind(model.fitsProperty().not());
        warning.managedProperty().bind(warning.visibleProperty());

        Label noModel = new Label();
        noModel.getStyleClass().add("settings-note");
        noModel.textProperty().bind(i18n.text("ui.placement.noModel"));
        noModel.visibleProperty().bind(model.modelProperty().isNull());
        noModel.managedProperty().bind(noModel.visibleProperty());

        deviceTable.setHgap(16);
        deviceTable.setVgap(4);
        stageTable.setHgap(16);
        stageTable.setVgap(6);
        root.getChildren()
                .setAll(
                        heading("ui.placement.devices"),
                        noGpu,
                        deviceTable,
                        heading("ui.placement.stages"),
                        noModel,
                        stageTable,
                        auto,
                        heading("ui.placement.estimate"),
                        estimates,
                        warning);
        model.devices().addListener((ListChangeListener<Device>) c -> showDevices());
        model.stages().addListener((ListChangeListener<StageRow>) c -> showStages());
        model.loads().addListener((ListChangeListener<DeviceLoad>) c -> showEstimates());
        i18n.localeProperty().addListener((obs, old, now) -> {
            showDevices();
            showStages();
            showEstimates();
        });
        showDevices();
        showStages();
        showEstimates();
    }

    public Parent root() {
        return root;
    }

    private Label heading(String key) {
        Label label = new Label();
        label.getStyleClass().add("title-4");
        label.textProperty().bind(i18n.text(key));
        return label;
    }

    private void showDevices() {
        deviceTable.getChildren().clear();
        deviceTable.addRow(0, bold("ui.placement.device"), bold("ui.placement.total"), bold("ui.placement.free"));
        int row = 1;
        for (Device d : model.devices()) {
            deviceTable.addRow(
                    row++,
                    new Label(d.name()),
                    new Label(d.gpu() ? gb(d.totalBytes()) : "–"),
                    new Label(d.gpu() ? gb(d.freeBytes()) : "–"));
        }
    }

    private void showStages() {
        stageTable.getChildren().clear();
        for (StageRow stage : model.stages()) {
            Label name = new Label(i18n.get("ui.placement.stage", stage.index() + 1, gb(stage.weightBytes())));
            ComboBox<Device> picker = new ComboBox<>(model.devices());
            picker.setId("stageDevice-" + stage.index());
            picker.setCellFactory(v -> new DeviceCell());
            picker.setButtonCell(new DeviceCell());
            picker.valueProperty().bindBidirectional(stage.deviceProperty());
            stageTable.addRow(stage.index(), name, picker);
        }
    }

    private void showEstimates() {
        estimates.getChildren().clear();
        for (DeviceLoad load : model.loads()) {
            Device d = load.device();
            String text = d.gpu()
                    ? i18n.get("ui.placement.deviceEstimate", d.name(), gb(load.estimateBytes()), gb(d.freeBytes()))
                    : i18n.get("ui.placement.cpuEstimate", gb(load.estimateBytes()));
            Label label = new Label(text);
            HBox.setHgrow(label, Priority.ALWAYS);
            label.setMaxWidth(Double.MAX_VALUE);
            HBox line = new HBox(10, label);
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("placement-load");
            if (d.gpu()) {
                ProgressBar bar =
                        new ProgressBar(Math.min(1, load.estimateBytes() / (double) Math.max(1, d.freeBytes())));
                bar.setPrefWidth(160);
                if (!load.fits()) {
                    bar.getStyleClass().add("danger");
                }
                line.getChildren().add(bar);
            }
            if (!load.fits() && d.gpu()) {
                line.getStyleClass().add("placement-over");
                line.setId("over-" + d.id().replaceAll("[^A-Za-z0-9]", "-"));
            }
            estimates.getChildren().add(line);
        }
    }

    private Label bold(String key) {
        Label label = new Label();
        label.textProperty().bind(i18n.text(key));
        label.setStyle("-fx-font-weight: bold;");
        return label;
    }

    static String gb(long bytes) {
        return String.format("%.1f GB", bytes / 1e9);
    }

    private static final class DeviceCell extends ListCell<Device> {
        @Override
        protected void updateItem(Device item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.name());
        }
    }
}
