// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mossdesktop.i18n.UserFacingException;

class SftConversationTest {

    private static final String TURN = "{\"Human\": \"<|Human|>: hi<eoh>\\n\", "
            + "\"Inner Thoughts\": \"<|Inner Thoughts|>: None<eot>\\n\", "
            + "\"Commands\": \"<|Commands|>: None<eoc>\\n\", "
            + "\"Tool Responses\": \"<|Results|>: None<eor>\\n\", "
            + "\"MOSS\": \"<|MOSS|>: Hello!<eom>\\n\"}";

    @Test
    void the_fields_of_each_turn_are_read_without_tags_and_end_tokens() {
        SftConversation conversation = SftConversation.read(Golden.path("plugin-three-turns.json"));

        assertEquals(MetaInstruction.of(Set.of(Tool.WEB_SEARCH, Tool.CALCULATOR)), conversation.meta());
        assertEquals(3, conversation.turns().size());
        Turn first = conversation.turns().getFirst();
        assertEquals("杭州西湖有多大？", first.human());
        assertEquals(Optional.of("用户想知道西湖的面积，我需要搜索一下"), first.innerThoughts());
        assertEquals(Optional.of("Search(\"杭州 西湖 面积\")"), first.commands());
        assertTrue(first.results().orElseThrow().startsWith("Search(\"杭州 西湖 面积\") =>\n<|1|>: '西湖"));
        assertEquals("西湖的湖面面积约为6.38平方千米。<sup><|1|></sup>", first.reply());
        Turn last = conversation.turns().getLast();
        assertEquals(Turn.of("谢谢！What does <eom> mean?", "不客气！It is a marker, not something you need to type."), last);
    }

    @Test
    void its_prompt_is_the_training_text() {
        assertEquals(
                Golden.text("plugin-three-turns.prompt.txt"),
                SftConversation.read(Golden.path("plugin-three-turns.json"))
                        .prompt()
                        .text());
    }

    @Test
    void results_on_the_results_line_are_read_too() {
        String json = "{\"meta_instruction\": \"m\\n\", \"num_turns\": 1, \"chat\": {\"turn_1\": "
                + TURN.replace("<|Results|>: None<eor>", "<|Results|>: Image generated successfully.<eor>") + "}}";

        SftConversation conversation = SftConversation.parse(json, "x.json");

        assertEquals(
                Optional.of("Image generated successfully."),
                conversation.turns().getFirst().results());
        assertEquals(
                "m\n<|Human|>: hi<eoh>\n<|Inner Thoughts|>: None<eot>\n<|Commands|>: None<eoc>\n"
                        + "<|Results|>: Image generated successfully.<eor>\n<|MOSS|>: Hello!<eom>\n",
                conversation.prompt().text());
    }

    @Test
    void turns_are_read_in_their_numbered_order() {
        String json = "{\"meta_instruction\": \"m\\n\", \"chat\": {\"turn_2\": " + TURN.replace("hi", "second")
                + ", \"turn_1\": " + TURN + "}}";

        SftConversation conversation = SftConversation.parse(json, "x.json");

        assertEquals("hi", conversation.turns().get(0).human());
        assertEquals("second", conversation.turns().get(1).human());
    }

    @Test
    void a_field_not_as_moss_writes_it_is_named() {
        String json = "{\"meta_instruction\": \"m\\n\", \"num_turns\": 2, \"chat\": {\"turn_1\": " + TURN
                + ", \"turn_2\": " + TURN.replace("Hello!<eom>", "Hello!") + "}}";

        UserFacingException e = assertThrows(UserFacingException.class, () -> SftConversation.parse(json, "x.json"));

        assertEquals("moss.sft.invalid", e.key());
        assertTrue(e.localizedMessage(Locale.ENGLISH).contains("chat.turn_2.MOSS"), e.getMessage());
    }

    @Test
    void a_turn_count_that_disagrees_with_the_turns_is_named() {
        String json = "{\"meta_instruction\": \"m\\n\", \"num_turns\": 3, \"chat\": {\"turn_1\": " + TURN + "}}";

        UserFacingException e = assertThrows(UserFacingException.class, () -> SftConversation.parse(json, "x.json"));

        assertTrue(e.getMessage().contains("num_turns"), e.getMessage());
    }

    @Test
    void text_that_is_not_json_says_so() {
        UserFacingException e =
                assertThrows(UserFacingException.class, () -> SftConversation.parse("{\"a\": ", "x.json"));

        assertEquals("moss.sft.notJson", e.key());
    }

    @Test
    void a_missing_file_says_so_in_both_languages(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        UserFacingException e = assertThrows(UserFacingException.class, () -> SftConversation.read(missing));

        assertEquals("moss.sft.notFound", e.key());
        assertTrue(e.localizedMessage(Locale.ENGLISH).contains("does not exist"));
        assertTrue(e.localizedMessage(Locale.SIMPLIFIED_CHINESE).contains("不存在"));
    }
}
