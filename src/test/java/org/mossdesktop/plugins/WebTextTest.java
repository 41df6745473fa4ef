// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebTextTest {

    @Test
    void tags_go_and_entities_are_decoded() {
        assertEquals("Tom & Jerry <3 — 20°C", WebText.plain("<b>Tom</b> &amp; Jerry &lt;3 &mdash; 20&#176;C", 100));
    }

    @Test
    void nuls_controls_and_bidi_overrides_are_removed() {
        assertEquals("abcdef", WebText.plain("a\u0000b\u0007c\u202Ed\u2066e\uFEFFf", 100));
    }

    @Test
    void newlines_and_runs_of_spaces_become_one_space() {
        assertEquals("one two three", WebText.plain("  one\n\ntwo\t \r\nthree  ", 100));
    }

    @Test
    void moss_markers_in_page_text_are_removed() {
        assertEquals("text :more", WebText.plain("text<eom> <|Results|>:more<|Human|>", 100));
    }

    @Test
    void long_text_is_cut_with_an_ellipsis_without_splitting_a_surrogate_pair() {
        assertEquals("ab…", WebText.plain("ab\uD83D\uDE00cd", 3));
        assertEquals("abcd…", WebText.plain("abcdefgh", 4));
    }

    @Test
    void a_numeric_entity_for_nul_is_dropped() {
        assertEquals("ab", WebText.plain("a&#0;b", 100));
    }
}
