// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.export.ConversationExport;
import org.mossdesktop.export.MarkdownExport;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.store.AppDirectories;
import org.mossdesktop.store.ConversationStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code moss-desktop export}: conversations to Markdown or JSON files. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export conversations to Markdown (one file per conversation, images beside it) or to JSON (one file"
                    + " in MOSS Desktop's format, see docs/EXPORT-FORMAT.md).",
            "The store is the one the app uses (override its folder with -Dmoss.home or MOSS_DESKTOP_HOME)."
        })
public final class ExportCommand implements Callable<Integer> {

    enum Format {
        md,
        json
    }

    static final class Selection {
        @Option(
                names = "--conversation",
                paramLabel = "ID",
                required = true,
                description = "A conversation id (repeatable).")
        List<Long> ids;

        @Option(names = "--all", required = true, description = "Every conversation.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--format", required = true, paramLabel = "md|json", description = "md or json.")
    Format format;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "PATH",
            description = "Markdown: a folder, or a .md file for one conversation. JSON: a file, or a folder for"
                    + " conversations.json.")
    Path out;

    @Option(
            names = "--language",
            paramLabel = "TAG",
            description = "Language of the Markdown labels: en or zh-CN (default: the system's).")
    String language;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ConversationStore store = ConversationStore.open(AppDirectories.resolve())) {
            CliReports.setAside(store, spec);
            List<Long> ids =
                    selection.all ? store.list().stream().map(Conversation::id).toList() : selection.ids;
            for (long id : ids) {
                // Fail before writing anything when an id is wrong.
                store.find(id)
                        .orElseThrow(() -> new UserFacingException("store.noSuchConversation", String.valueOf(id)));
            }
            if (format == Format.json) {
                Path file = ConversationExport.json(store, ids, out, CliReports.generator(spec), Instant.now());
                spec.commandLine().getOut().println("Exported " + ids.size() + " conversation(s) to " + file);
            } else {
                Locale locale =
                        language == null ? Messages.locale() : Messages.supported(Locale.forLanguageTag(language));
                List<Path> files = ConversationExport.markdown(
                        store, ids, out, new MarkdownExport(locale, ZoneId.systemDefault()));
                files.forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().println("Exported " + files.size() + " conversation(s).");
            }
            return 0;
        } catch (UserFacingException e) {
            spec.commandLine().getErr().println(e.getLocalizedMessage());
            return 1;
        }
    }
}
