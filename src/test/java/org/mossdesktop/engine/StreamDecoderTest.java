// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {

    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizer.load(TestModels.demoDirectory(), Optional.empty());
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void chinese_streamed_token_by_token_never_shows_a_replacement_character() {
        String text = "你好！我是MOSS，复旦大学开发的对话语言模型。今天上海的天气很好 🙂🚀，我们一起学习吧。";
        int[] ids = tokenizer.encode(text);
        assertTrue(ids.length > text.codePointCount(0, text.length()), "expected characters split over tokens");
        StreamDecoder decoder = new StreamDecoder(tokenizer);
        List<String> deltas = new ArrayList<>();
        for (int id : ids) {
            deltas.add(decoder.accept(id));
        }
        for (String delta : deltas) {
            assertFalse(delta.contains("\uFFFD"), "emitted " + delta);
        }
        assertEquals(text, String.join("", deltas));
        assertEquals(text, decoder.text());
        assertTrue(deltas.contains(""), "some token should have completed no character");
    }

    @Test
    void control_tokens_stream_by_name() {
        StreamDecoder decoder = new StreamDecoder(tokenizer);
        int[] ids = tokenizer.encode("好");
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(decoder.accept(id));
        }
        out.append(decoder.accept(tokenizer.specialTokens().eot()));
        assertEquals("好<eot>", out.toString());
    }

    @Test
    void bytes_that_never_form_a_character_are_let_through_instead_of_holding_the_stream() throws IOException {
        // GPT-2's byte-level alphabet spells byte 0xE4 (the lead byte of 你) as U+00E4.
        int lead = JsonParser.parseString(
                        Files.readString(TestModels.demoDirectory().tokenizerFile()))
                .getAsJsonObject()
                .getAsJsonObject("model")
                .getAsJsonObject("vocab")
                .get("\u00E4")
                .getAsInt();
        StreamDecoder decoder = new StreamDecoder(tokenizer);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            out.append(decoder.accept(lead));
        }
        assertTrue(out.length() >= 16 && out.chars().allMatch(c -> c == '\uFFFD'), out.toString());
    }
}
