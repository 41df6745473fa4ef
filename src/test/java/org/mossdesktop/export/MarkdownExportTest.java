// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.chat.Transcript;
import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.Citations;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.store.ConversationStore;
import org.mossdesktop.store.StoreOptions;

class MarkdownExportTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private ConversationStore store;
    private Transcript sample;

    @BeforeEach
    void save() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
        store = ConversationStore.open(dir.resolve("store/conversations.db"), StoreOptions.DEFAULTS.withClock(clock));
        sample = SampleConversations.save(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String render(Locale locale) {
        return new MarkdownExport(locale, SHANGHAI)
                .render(sample, "sample_files")
                .markdown();
    }

    @Test
    void the_english_document_matches_its_golden_file_byte_for_byte() throws IOException {
        assertGolden("sample-en.md", render(Messages.ENGLISH));
    }

    @Test
    void the_chinese_document_matches_its_golden_file_byte_for_byte() throws IOException {
        assertGolden("sample-zh_CN.md", render(Messages.CHINESE));
    }

    @Test
    void no_message_can_add_headings_html_or_unbalanced_details_to_the_document() {
        Node document = Parser.builder().build().parse(render(Messages.ENGLISH));
        List<String> headings = new ArrayList<>();
        List<String> html = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading.getLevel() + " " + textOf(heading));
            }

            @Override
            public void visit(HtmlBlock block) {
                html.add(block.getLiteral().strip());
            }

            @Override
            public void visit(HtmlInline inline) {
                html.add(inline.getLiteral());
            }
        });

        assertEquals(
                List.of(
                        "1 杭州三日游 & <Plans> #1",
                        "2 User · 16:00",
                        "2 MOSS · 16:00",
                        "2 User · 2026-11-29 09:00",
                        "2 MOSS · 2026-11-29 09:00"),
                headings);
        // Only our own folds, each opened and closed, and MOSS's citation superscript.
        List<String> ours = List.of(
                "<details>\n<summary>Inner thoughts</summary>",
                "</details>",
                "<details>\n<summary>Commands</summary>",
                "</details>",
                "<details>\n<summary>Results</summary>",
                "</details>");
        List<String> expected = new ArrayList<>(ours);
        expected.add("<sup>");
        expected.add("</sup>");
        expected.addAll(ours);
        assertEquals(expected, html);
    }

    @Test
    void the_sources_under_a_reply_link_to_their_pages_numbered_as_moss_cites_them() {
        List<String> links = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Parser.builder().build().parse(render(Messages.ENGLISH)).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(textOf(link) + " -> " + link.getDestination());
            }

            @Override
            public void visit(OrderedList list) {
                starts.add(list.getMarkerStartNumber());
                super.visit(list);
            }
        });

        assertEquals(
                List.of(
                        "杭州旅游 [官方] *攻略* -> https://travel.example.com/hangzhou?day=1&lang=zh",
                        "https://example.org/灵隐寺 (temple) -> https://example.org/灵隐寺 (temple)"),
                links);
        // The reply's own numbered list, then the sources from 1.
        assertEquals(List.of(1, 1), starts);
    }

    @Test
    void a_source_that_is_not_a_web_address_is_shown_but_not_linked() {
        String list = SafeMarkdown.sources(new Citations(new TreeMap<>(Map.of(
                1, new ToolResult.Snippet("Click me", "javascript:alert(1)", ""),
                3, new ToolResult.Snippet("Third", "https://example.com/3", "")))));

        assertEquals("1. Click me (javascript:alert(1))\n\n3) [Third](https://example.com/3)", list);
    }

    @Test
    void the_image_is_written_beside_the_file_and_linked_relatively() throws IOException {
        List<Path> files = ConversationExport.markdown(
                store,
                List.of(sample.conversation().id()),
                dir.resolve("out"),
                new MarkdownExport(Messages.ENGLISH, SHANGHAI));

        Path file = files.getFirst();
        assertEquals(dir.resolve("out/杭州三日游 & _Plans_ _1-1.md"), file);
        String link = imageDestinations(Files.readString(file)).getFirst();
        assertTrue(link.startsWith("杭州三日游%20%26%20_Plans_%20_1-1_files/"), link);
        Path image = file.resolveSibling(java.net.URLDecoder.decode(link, StandardCharsets.UTF_8));
        assertArrayEquals(SampleConversations.PNG, Files.readAllBytes(image));
    }

    @Test
    void one_conversation_can_be_written_to_a_named_file() throws IOException {
        Path target = dir.resolve("exports/hangzhou.md");
        ConversationExport.markdown(
                store, List.of(sample.conversation().id()), target, new MarkdownExport(Messages.ENGLISH, SHANGHAI));

        assertEquals(render(Messages.ENGLISH).replace("sample_files", "hangzhou_files"), Files.readString(target));
        assertTrue(Files.exists(dir.resolve("exports/hangzhou_files/image-1.png")));
        try (var listing = Files.list(dir.resolve("exports"))) {
            assertFalse(listing.anyMatch(path -> path.toString().endsWith(".part")), "no temporary file is left");
        }
    }

    private static List<String> imageDestinations(String markdown) {
        List<String> destinations = new ArrayList<>();
        Parser.builder().build().parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                destinations.add(image.getDestination());
            }
        });
        return destinations;
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }
        });
        return text.toString();
    }

    static void assertGolden(String name, String actual) throws IOException {
        String expected;
        try (InputStream in = MarkdownExportTest.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                Path written = Path.of("target", "golden-actual", name);
                Files.createDirectories(written.getParent());
                Files.writeString(written, actual);
                throw new AssertionError("no golden file " + name + "; the actual output is in " + written);
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            Path written = Path.of("target", "golden-actual", name);
            Files.createDirectories(written.getParent());
            Files.writeString(written, actual);
        }
        assertEquals(expected, actual, "differs from golden/" + name + "; see target/golden-actual/" + name);
    }
}
