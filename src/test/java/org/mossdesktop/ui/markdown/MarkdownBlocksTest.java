// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    @Test
    void text_is_cut_before_a_line_that_follows_a_blank_line() {
        assertEquals(
                List.of("# Title\n\n", "First paragraph.\n\n", "- a\n- b\n"),
                blocks("# Title\n\nFirst paragraph.\n\n- a\n- b\n"));
    }

    @Test
    void a_fenced_code_block_with_blank_lines_stays_one_block() {
        String text = "```python\ndef f():\n\n    return 1\n```\n\nAfter.";
        assertEquals(List.of("```python\ndef f():\n\n    return 1\n```\n\n", "After."), blocks(text));
    }

    @Test
    void an_indented_continuation_after_a_blank_line_is_not_cut_off_its_list() {
        assertEquals(List.of("1. one\n\n   more about one\n"), blocks("1. one\n\n   more about one\n"));
    }

    @Test
    void a_line_that_has_not_started_yet_is_no_cut() {
        assertEquals(List.of("Streaming.\n\n"), blocks("Streaming.\n\n"));
    }

    @Test
    void cutting_a_growing_text_gives_the_same_blocks_as_cutting_it_whole() {
        String text = "Intro 你好。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~~\ncode\n\n~~~\n\n1. x\n2. y\n";
        List<String> whole = blocks(text);
        for (int end = 1; end <= text.length(); end++) {
            List<String> prefix = blocks(text.substring(0, end));
            // Every block of a prefix but its last is final.
            assertEquals(whole.subList(0, prefix.size() - 1), prefix.subList(0, prefix.size() - 1), "at " + end);
        }
    }

    private static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int next; (next = MarkdownBlocks.nextCut(text, start)) > start; start = next) {
            out.add(text.substring(start, next));
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
