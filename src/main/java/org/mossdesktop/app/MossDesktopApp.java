// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.main.MainView;
import org.mossdesktop.ui.main.MainViewModel;

/** The desktop window. */
public final class MossDesktopApp extends Application {

    @Override
    public void start(Stage stage) {
        Theme.LIGHT.apply();
        MainViewModel model = new MainViewModel(new I18n(), AppInfo.version());
        MainView view = new MainView(model);
        stage.titleProperty().bind(model.titleProperty());
        stage.setScene(new Scene(view.root(), 1100, 720));
        stage.show();
    }
}
