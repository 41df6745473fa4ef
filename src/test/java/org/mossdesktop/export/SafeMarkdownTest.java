// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/** What a message could do to the document around it, and what it does instead. */
class SafeMarkdownTest {

    private static String html(String markdown) {
        return HtmlRenderer.builder().build().render(Parser.builder().build().parse(markdown));
    }

    @Test
    void an_unclosed_code_fence_is_closed_at_the_end_of_its_message() {
        String message = SafeMarkdown.blocks("look:\n```java\nint x = 1;");
        String after = html(message + "\n\n## Next turn");
        assertTrue(after.contains("<h2>Next turn</h2>"), after);
    }

    @Test
    void a_closing_details_tag_is_shown_not_obeyed() {
        String folded = "<details>\n<summary>s</summary>\n\n" + SafeMarkdown.blocks("text\n\n</details>\n\nafter")
                + "\n\n</details>";
        String html = html(folded);
        assertEquals(2, html.split("details>", -1).length - 1, html);
        assertTrue(html.contains("&lt;/details&gt;"), html);
    }

    @Test
    void script_tags_become_text_inline_and_code_as_blocks() {
        assertEquals("say \\<script\\>alert(1)\\</script\\>", SafeMarkdown.blocks("say <script>alert(1)</script>"));
        assertEquals(
                "```html\n<script>\nalert(1)\n</script>\n```", SafeMarkdown.blocks("<script>\nalert(1)\n</script>"));
    }

    @Test
    void a_leading_hash_cannot_make_a_heading() {
        assertEquals("**Heading**", SafeMarkdown.blocks("# Heading"));
        assertEquals("**Setext**", SafeMarkdown.blocks("Setext\n======"));
        Node parsed = Parser.builder().build().parse(SafeMarkdown.blocks("\\# not a heading"));
        assertTrue(!(parsed.getFirstChild() instanceof Heading));
    }

    @Test
    void a_link_reference_definition_cannot_reach_other_messages() {
        String message = SafeMarkdown.blocks("[home]: https://example.com/a\n\nsee [home]");
        assertEquals("see [home](https://example.com/a)", message);
        String html = html(message + "\n\nanother message's [home]");
        assertTrue(html.contains("another message's [home]"), html);
    }

    @Test
    void the_lines_of_a_message_stay_lines() {
        assertEquals("first\\\nsecond", SafeMarkdown.blocks("first\nsecond"));
    }

    @Test
    void citations_keep_their_superscript() {
        assertEquals("West Lake<sup>\\<\\|1\\|\\></sup>", SafeMarkdown.blocks("West Lake<sup><|1|></sup>"));
    }

    @Test
    void a_title_reads_literally_even_with_a_trailing_hash_or_markup() {
        assertEquals("# C \\#", SafeMarkdown.heading(1, "C #"));
        assertTrue(html(SafeMarkdown.heading(1, "C #")).contains("<h1>C #</h1>"));
        assertTrue(html(SafeMarkdown.heading(1, "*not* <b>bold</b>\nnext"))
                .contains("<h1>*not* &lt;b&gt;bold&lt;/b&gt; next</h1>"));
    }

    @Test
    void a_code_fence_is_longer_than_any_backtick_run_inside() {
        assertEquals("````text\na ``` b\n````", SafeMarkdown.codeBlock("a ``` b", "text"));
    }
}
