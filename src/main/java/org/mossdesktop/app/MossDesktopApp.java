// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.mossdesktop.ui.I18n;
import org.mossdesktop.ui.Theme;
import org.mossdesktop.ui.main.MainView;
import org.mossdesktop.ui.main.MainViewModel;

/** The desktop window, wired to the services. */
public final class MossDesktopApp extends Application {

    /** With {@code -Dmoss.startupProbe=true} the app prints the milliseconds from JVM start to its first frame and quits. */
    static final String STARTUP_PROBE = "moss.startupProbe";

    @Override
    public void start(Stage stage) {
        Theme.LIGHT.apply();
        MainViewModel model = new MainViewModel(new I18n(), AppInfo.version());
        MainView view = new MainView(model);
        stage.titleProperty().bind(model.titleProperty());
        Scene scene = new Scene(view.root(), 1100, 720);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        if (Boolean.getBoolean(STARTUP_PROBE)) {
            reportFirstFrame(scene);
        }
    }

    // The first pulse that laid out the shown window has returned: the window is drawn and takes input.
    private static void reportFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
                long millis = System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println(STARTUP_PROBE + "=" + millis);
                System.out.flush();
                Platform.exit();
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
