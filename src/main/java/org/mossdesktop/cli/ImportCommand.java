// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.export.ConversationImport;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.store.AppDirectories;
import org.mossdesktop.store.ConversationStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code moss-desktop import}: conversations from JSON files into the store, as new conversations. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import conversations from JSON: a MOSS Desktop export (moss-desktop export --format json), or"
                + " a conversation in MOSS's SFT training format (moss-003-sft-data). Each becomes a new"
                + " conversation.")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JSON files to import.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ConversationStore store = ConversationStore.open(AppDirectories.resolve())) {
            CliReports.setAside(store, spec);
            for (Path file : files) {
                List<Conversation> imported = ConversationImport.into(store, file);
                for (Conversation conversation : imported) {
                    spec.commandLine().getOut().println(conversation.id() + "\t" + conversation.title());
                }
                spec.commandLine().getOut().println("Imported " + imported.size() + " conversation(s) from " + file);
            }
            return 0;
        } catch (UserFacingException e) {
            spec.commandLine().getErr().println(e.getLocalizedMessage());
            return 1;
        }
    }
}
