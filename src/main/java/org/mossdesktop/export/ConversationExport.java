// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mossdesktop.chat.Attachment;
import org.mossdesktop.chat.ConversationRepository;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.UserFacingException;

/**
 * Writes conversations from a repository to files. Every file is written under a temporary name and moved
 * into place, so an export interrupted by a crash or a full disk never leaves a half-written file behind
 * under the real name.
 */
public final class ConversationExport {

    private ConversationExport() {}

    /**
     * One Markdown file per conversation, attachments in a {@code NAME_files} folder beside each. With one
     * conversation and {@code out} ending in {@code .md}, that is the file; otherwise {@code out} is a
     * folder (created if missing) and files are named {@code TITLE-ID.md}.
     *
     * @return the Markdown files written
     */
    public static List<Path> markdown(
            ConversationRepository repository, List<Long> conversationIds, Path out, MarkdownExport format) {
        boolean singleFile =
                conversationIds.size() == 1 && out.getFileName().toString().endsWith(".md");
        Path folder = singleFile ? parent(out) : out;
        createDirectories(folder);
        List<Path> written = new ArrayList<>();
        for (long id : conversationIds) {
            Transcript transcript = repository.transcript(id);
            Path file = singleFile ? out : folder.resolve(FileNames.of(transcript.conversation()) + ".md");
            String stem = file.getFileName().toString().replaceFirst("\\.md$", "");
            String filesFolder = stem + "_files";
            MarkdownExport.Document document = format.render(transcript, filesFolder);
            if (!document.files().isEmpty()) {
                Path assets = file.resolveSibling(filesFolder);
                createDirectories(assets);
                for (Map.Entry<String, Attachment> entry : document.files().entrySet()) {
                    byte[] content = transcript.content(entry.getValue());
                    writeAtomically(assets.resolve(entry.getKey()), temp -> Files.write(temp, content));
                }
            }
            writeAtomically(file, temp -> Files.writeString(temp, document.markdown(), StandardCharsets.UTF_8));
            written.add(file);
        }
        return written;
    }

    /**
     * All the conversations in one file of {@link ConversationJson}'s format; {@code out} may name a folder,
     * then the file is {@code conversations.json} in it.
     *
     * @return the file written
     */
    public static Path json(
            ConversationRepository repository,
            List<Long> conversationIds,
            Path out,
            String generator,
            Instant exportedAt) {
        Path file = Files.isDirectory(out) ? out.resolve("conversations.json") : out;
        createDirectories(parent(file));
        // Transcripts are loaded one at a time as the writer asks for them.
        Iterable<Transcript> transcripts = () -> new Iterator<>() {
            private final Iterator<Long> ids = conversationIds.iterator();

            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Transcript next() {
                return repository.transcript(ids.next());
            }
        };
        writeAtomically(file, temp -> {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                ConversationJson.write(transcripts, writer, generator, exportedAt);
            }
        });
        return file;
    }

    @FunctionalInterface
    private interface FileWriting {
        void write(Path temporary) throws IOException;
    }

    private static void writeAtomically(Path file, FileWriting writing) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(parent(file), "." + file.getFileName(), ".part");
            writing.write(temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserFacingException(e, "store.export.cannotWrite", file.toString());
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Best effort: a stray .part file is harmless.
                }
            }
        }
    }

    private static void createDirectories(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserFacingException(e, "store.export.cannotWrite", folder.toString());
        }
    }

    private static Path parent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
