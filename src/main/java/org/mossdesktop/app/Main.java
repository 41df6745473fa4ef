// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import javafx.application.Application;
import org.mossdesktop.cli.MossCommand;
import picocli.CommandLine;

/** Starts the desktop window when called without arguments, else runs a terminal command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(MossDesktopApp.class);
            return;
        }
        System.exit(run(args));
    }

    /** Runs a terminal command and returns its exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String... args) {
        CommandLine line = MossCommand.commandLine(AppInfo.NAME + " " + AppInfo.version());
        // Commands that need JavaFX live here: the cli package may not import it.
        line.addSubcommand("bench-ui", new UiBenchCommand());
        return line.execute(args);
    }
}
