// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import org.mossdesktop.i18n.Messages;
import org.mossdesktop.store.ConversationStore;
import picocli.CommandLine.Model.CommandSpec;

/** What the store commands tell the terminal besides their output. */
final class CliReports {

    private CliReports() {}

    /** Says where a damaged database went, if opening had to set one aside. */
    static void setAside(ConversationStore store, CommandSpec spec) {
        store.setAside()
                .ifPresent(setAside -> spec.commandLine()
                        .getErr()
                        .println(setAside.message(Messages.locale()) + " (" + setAside.reason() + ")"));
    }

    /** "MOSS Desktop 0.1.0", from the root command's version. */
    static String generator(CommandSpec spec) {
        try {
            String[] version = spec.root().versionProvider() != null
                    ? spec.root().versionProvider().getVersion()
                    : spec.root().version();
            return version.length > 0 ? version[0] : "MOSS Desktop";
        } catch (Exception e) {
            return "MOSS Desktop";
        }
    }
}
