// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.chat.ReplyInfo;
import org.mossdesktop.chat.Role;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.i18n.Messages;

/**
 * One conversation as a Markdown document that renders well on GitHub: the title, date, model and
 * generation settings, then the turns; MOSS's inner thoughts, commands and tool results folded into
 * {@code <details>} blocks; the sources MOSS cites as a numbered list of links under its reply; attachments
 * linked from a folder beside the file. Message text is Markdown made
 * safe by {@link SafeMarkdown}, so no message can break the document's structure.
 *
 * @param locale the language of the labels ("User", "Inner thoughts")
 * @param zone the time zone of the dates
 */
public record MarkdownExport(Locale locale, ZoneId zone) {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    /** The document, and the attachments to write beside it under the file names it links to. */
    public record Document(String markdown, Map<String, Attachment> files) {}

    /**
     * Renders {@code transcript}; attachments are linked as {@code filesFolder/NAME}, relative to the
     * document.
     */
    public Document render(Transcript transcript, String filesFolder) {
        Conversation conversation = transcript.conversation();
        List<String> blocks = new ArrayList<>();
        blocks.add(SafeMarkdown.heading(1, conversation.title()));
        blocks.add(String.join("\n", header(transcript)));
        blocks.add("---");
        Map<String, Attachment> files = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        ZonedDateTime started = conversation.createdAt().atZone(zone);
        for (Message message : transcript.messages()) {
            String role = label(message.role() == Role.MOSS ? "store.export.moss" : "store.export.user");
            blocks.add("## " + role + " · " + time(message.createdAt(), started));
            if (!message.innerThoughts().isBlank()) {
                blocks.add(details(label("store.export.innerThoughts"), SafeMarkdown.blocks(message.innerThoughts())));
            }
            if (!message.commands().isBlank()) {
                blocks.add(details(label("store.export.commands"), SafeMarkdown.codeBlock(message.commands(), "text")));
            }
            if (!message.results().isBlank()) {
                blocks.add(details(label("store.export.results"), SafeMarkdown.codeBlock(message.results(), "text")));
            }
            String text = SafeMarkdown.blocks(message.text());
            if (!text.isEmpty()) {
                blocks.add(text);
            }
            if (!message.citations().isEmpty()) {
                blocks.add("**" + label("store.export.sources") + "**");
                blocks.add(SafeMarkdown.sources(message.citations()));
            }
            for (Attachment attachment : message.attachments()) {
                String name = unique(FileNames.safe(attachment.name()), taken);
                files.put(name, attachment);
                String link = FileNames.link(filesFolder, name);
                String alt = SafeMarkdown.inline(attachment.name());
                blocks.add(
                        attachment.mediaType().startsWith("image/")
                                ? "![" + alt + "](" + link + ")"
                                : "[" + alt + "](" + link + ")");
            }
        }
        return new Document(String.join("\n\n", blocks) + "\n", files);
    }

    private List<String> header(Transcript transcript) {
        List<String> lines = new ArrayList<>();
        ZonedDateTime created = transcript.conversation().createdAt().atZone(zone);
        lines.add("- **" + label("store.export.date") + "** " + DATE_TIME.format(created) + " (UTC"
                + OFFSET.format(created) + ")");
        Set<String> models = new LinkedHashSet<>();
        Optional<GenerationSettings> lastReplySettings = Optional.empty();
        for (Message message : transcript.messages()) {
            if (message.reply().isPresent()) {
                ReplyInfo reply = message.reply().get();
                models.add(reply.modelName());
                lastReplySettings = Optional.of(reply.settings());
            }
        }
        if (!models.isEmpty()) {
            lines.add("- **" + label("store.export.model") + "** "
                    + String.join(
                            ", ", models.stream().map(SafeMarkdown::inline).toList()));
        }
        Optional<GenerationSettings> fromReplies = lastReplySettings;
        Optional<GenerationSettings> settings =
                transcript.conversation().settings().or(() -> fromReplies);
        settings.ifPresent(value -> lines.add("- **" + label("store.export.settings") + "** " + settings(value)));
        return lines;
    }

    private String settings(GenerationSettings settings) {
        StringBuilder line = new StringBuilder(Messages.get(
                locale,
                "store.export.settingsLine",
                number(settings.temperature()),
                number(settings.topP()),
                String.valueOf(settings.topK()),
                number(settings.repetitionPenalty()),
                String.valueOf(settings.maxNewTokens())));
        if (settings.greedy()) {
            line.append(" · ").append(label("store.export.greedy"));
        }
        settings.seed()
                .ifPresent(seed ->
                        line.append(" · ").append(Messages.get(locale, "store.export.seed", String.valueOf(seed))));
        return line.toString();
    }

    private String time(Instant at, ZonedDateTime started) {
        ZonedDateTime local = at.atZone(zone);
        return local.toLocalDate().equals(started.toLocalDate()) ? TIME.format(local) : DATE_TIME.format(local);
    }

    private String label(String key) {
        return Messages.get(locale, key);
    }

    /** A folded block; the blank lines let GitHub render the Markdown inside it. */
    private static String details(String summary, String body) {
        return "<details>\n<summary>" + summary + "</summary>\n\n" + body + "\n\n</details>";
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = stem + "-" + n + extension;
        }
        return candidate;
    }
}
