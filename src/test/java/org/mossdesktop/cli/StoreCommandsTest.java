// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Conversation;
import org.mossdesktop.chat.Message;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.store.AppDirectories;
import org.mossdesktop.store.ConversationStore;
import picocli.CommandLine;

/** export, import and bench-store, run as a user would, against stores under -Dmoss.home. */
class StoreCommandsTest {

    @TempDir
    Path dir;

    @AfterEach
    void forgetHome() {
        System.clearProperty(AppDirectories.HOME_PROPERTY);
    }

    private record Run(int code, String out, String err) {}

    private Run run(Path home, String... args) {
        System.setProperty(AppDirectories.HOME_PROPERTY, home.toString());
        CommandLine line = MossCommand.commandLine("MOSS Desktop test");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private long saveConversation(Path home, String title, String text) {
        try (ConversationStore store = ConversationStore.open(new AppDirectories(home))) {
            Conversation conversation = store.create(title, Optional.empty());
            store.append(Message.user(conversation.id(), text, Instant.parse("2026-11-28T08:00:00Z")));
            return conversation.id();
        }
    }

    @Test
    void everything_exported_as_json_imports_into_another_store() {
        Path first = dir.resolve("first");
        saveConversation(first, "第一个", "你好");
        saveConversation(first, "second", "hello");
        Path file = dir.resolve("all.json");

        Run export = run(first, "export", "--all", "--format", "json", "--out", file.toString());
        Path second = dir.resolve("second");
        Run imported = run(second, "import", file.toString());

        assertEquals(0, export.code(), export.err());
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().contains("Imported 2 conversation(s)"), imported.out());
        try (ConversationStore store = ConversationStore.open(new AppDirectories(second))) {
            assertEquals(
                    List.of("second", "第一个"),
                    store.list().stream().map(Conversation::title).toList());
        }
    }

    @Test
    void one_conversation_exports_to_a_markdown_file_in_the_chosen_language() throws IOException {
        Path home = dir.resolve("home");
        long id = saveConversation(home, "Markdown", "# not a heading");
        Path file = dir.resolve("one.md");

        Run run = run(
                home,
                "export",
                "--conversation",
                String.valueOf(id),
                "--format",
                "md",
                "--out",
                file.toString(),
                "--language",
                "zh-CN");

        assertEquals(0, run.code(), run.err());
        String markdown = Files.readString(file);
        assertTrue(markdown.startsWith("# Markdown\n"), markdown);
        assertTrue(markdown.contains("## " + Messages.get(Messages.CHINESE, "store.export.user")), markdown);
        assertTrue(markdown.contains("**not a heading**"), markdown);
    }

    @Test
    void an_unknown_conversation_is_named_and_nothing_is_written() {
        Path home = dir.resolve("home");
        saveConversation(home, "only", "one");
        Path file = dir.resolve("x.json");

        Run run = run(home, "export", "--conversation", "42", "--format", "json", "--out", file.toString());

        assertEquals(1, run.code());
        assertTrue(run.err().contains("42"), run.err());
        assertTrue(Files.notExists(file));
    }

    @Test
    void export_needs_either_ids_or_all() {
        Run run = run(dir.resolve("home"), "export", "--format", "md", "--out", dir.toString());
        assertEquals(2, run.code());
    }

    @Test
    void the_store_benchmark_prints_its_table() {
        Run run = run(
                dir.resolve("home"),
                "bench-store",
                "--conversations",
                "3",
                "--messages",
                "4",
                "--saves",
                "3",
                "--search-rounds",
                "1",
                "--dir",
                dir.resolve("bench").toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("| save one message, synchronous=FULL (shipped) |"), run.out());
        assertTrue(run.out().contains("| export all 3 conversations to Markdown (one file each) |"), run.out());
    }
}
