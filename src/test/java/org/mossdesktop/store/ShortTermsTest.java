// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShortTermsTest {

    @Test
    void chinese_gives_every_character_and_every_pair_and_other_words_their_first_one_and_two_characters() {
        assertEquals("用 p 用p py 写 y写 写 个 写个 1 1d", ShortTerms.tokens("用Py写 写个 1d"));
    }

    @Test
    void punctuation_and_symbols_separate_words_and_break_pairs() {
        assertEquals("北 京 北京 c c 上 海 上海", ShortTerms.tokens("北京，C# c-上海"));
    }

    @Test
    void characters_outside_the_basic_plane_are_kept_whole() {
        assertEquals("𠀀 好 𠀀好", ShortTerms.tokens("𠀀好"));
    }

    @Test
    void only_terms_of_one_or_two_letters_digits_or_cjk_characters_are_indexed() {
        assertTrue(ShortTerms.indexed("北京"));
        assertTrue(ShortTerms.indexed("U盘"));
        assertTrue(ShortTerms.indexed("ai"));
        assertFalse(ShortTerms.indexed("C#"));
        assertFalse(ShortTerms.indexed("数据库"));
    }
}
