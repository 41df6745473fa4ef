// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.ModelDirectory;
import org.mossdesktop.engine.SpecialTokens;
import org.mossdesktop.engine.Tokenizer;
import org.mossdesktop.moss.ControlToken;
import org.mossdesktop.moss.MetaInstruction;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptRenderer;
import org.mossdesktop.moss.Turn;

class PromptEncoderTest {

    private static Tokenizer tokenizer;
    private static PromptEncoder encoder;

    @BeforeAll
    static void load() {
        Path demo = Path.of(System.getProperty("moss.repo", ".")).resolve(DemoModel.RELATIVE_PATH);
        assumeTrue(Files.isDirectory(demo), "no demo model");
        tokenizer = Tokenizer.load(ModelDirectory.open(demo), Optional.empty());
        encoder = new PromptEncoder(tokenizer);
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void control_tokens_are_encoded_by_id_and_text_as_text_even_when_it_names_one() {
        SpecialTokens ids = tokenizer.specialTokens();
        Prompt prompt = Prompt.builder()
                .text("<|Human|>: say <eom> please")
                .control(ControlToken.EOH)
                .text("\n")
                .build();
        int[] expected = IntStream.concat(
                        IntStream.concat(
                                IntStream.of(tokenizer.encode("<|Human|>: say <eom> please")), IntStream.of(ids.eoh())),
                        IntStream.of(tokenizer.encode("\n")))
                .toArray();
        assertArrayEquals(expected, encoder.encode(prompt));
        assertEquals(
                1, IntStream.of(encoder.encode(prompt)).filter(ids::contains).count());
    }

    @Test
    void a_rendered_conversation_decodes_back_to_its_exact_text() {
        Prompt prompt =
                new PromptRenderer().prompt(MetaInstruction.sft(), List.of(Turn.of("你好", "你好！我是MOSS。")), "今天天气怎么样？");
        assertEquals(prompt.text(), tokenizer.decode(encoder.encode(prompt)));
        assertEquals(encoder.encode(prompt).length, encoder.count(prompt));
    }
}
