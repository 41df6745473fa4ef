// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code moss-desktop}: without arguments the app opens its window; subcommands run in a terminal. */
@Command(
        name = "moss-desktop",
        mixinStandardHelpOptions = true,
        subcommands = {
            GenerateCommand.class,
            ChatCommand.class,
            PromptCommand.class,
            ToolCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            BenchCommand.class,
            BenchStoreCommand.class
        },
        description = "MOSS Desktop: chat with the MOSS model on your own GPUs. Run without arguments to open the"
                + " window.")
public final class MossCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The command line for {@code version}, e.g. "MOSS Desktop 0.1.0". */
    public static CommandLine commandLine(String version) {
        CommandLine line = new CommandLine(new MossCommand());
        line.getCommandSpec().versionProvider(() -> new String[] {version});
        return line;
    }

    @Override
    public void run() {
        // Options without a subcommand: say what exists.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
