// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetaInstructionTest {

    private static final String CAPABILITIES = "Capabilities and tools that MOSS can possess.\n";

    @Test
    void the_sft_meta_instruction_lists_inner_thoughts_and_every_tool_disabled() {
        String text = MetaInstruction.sft().text();

        assertTrue(
                text.endsWith(CAPABILITIES
                        + "- Inner thoughts: disabled.\n"
                        + "- Web search: disabled.\n"
                        + "- Calculator: disabled.\n"
                        + "- Equation solver: disabled.\n"
                        + "- Text-to-image: disabled.\n"
                        + "- Image edition: disabled.\n"
                        + "- Text-to-speech: disabled.\n"),
                text);
    }

    @Test
    void enabled_tools_get_their_api_line_and_inner_thoughts_are_enabled() {
        String text =
                MetaInstruction.of(Set.of(Tool.TEXT_TO_IMAGE, Tool.WEB_SEARCH)).text();

        assertTrue(
                text.endsWith(CAPABILITIES
                        + "- Inner thoughts: enabled.\n"
                        + "- Web search: enabled. API: Search(query)\n"
                        + "- Calculator: disabled.\n"
                        + "- Equation solver: disabled.\n"
                        + "- Text-to-image: enabled. API: Text2Image(description)\n"
                        + "- Image edition: disabled.\n"
                        + "- Text-to-speech: disabled.\n"),
                text);
    }

    @Test
    void the_identity_is_the_training_text_with_its_misspelling_and_one_line_per_rule() {
        String text = MetaInstruction.sft().text();

        assertTrue(text.startsWith("You are an AI assistant whose name is MOSS.\n- MOSS is a conversational"), text);
        assertTrue(text.contains("comprehensively covering mutiple aspects.\n"), text);
        assertTrue(text.contains(" such as English and 中文. MOSS can perform any language-based tasks.\n"), text);
        assertFalse(text.contains("\n "), "no indented lines (the cli demo's artifact)");
        assertFalse(text.contains(" \n"), "no trailing spaces (meta_instruction.txt's artifact)");
        assertEquals(17, text.split("\n", -1).length - 1);
    }

    @Test
    void inner_thoughts_and_enabled_tools_are_read_back_from_the_text_for_every_set_of_tools() {
        for (int mask = 0; mask < 16; mask++) {
            Set<Tool> tools = EnumSet.noneOf(Tool.class);
            for (Tool tool : Tool.values()) {
                if ((mask & (1 << tool.ordinal())) != 0) {
                    tools.add(tool);
                }
            }
            MetaInstruction meta = MetaInstruction.of(tools);

            assertEquals(tools, meta.enabledTools());
            assertEquals(!tools.isEmpty(), meta.innerThoughts());
        }
    }

    @Test
    void no_enabled_tool_is_the_sft_meta_instruction() {
        assertEquals(MetaInstruction.sft(), MetaInstruction.of(Set.of()));
        assertFalse(MetaInstruction.sft().innerThoughts());
    }
}
