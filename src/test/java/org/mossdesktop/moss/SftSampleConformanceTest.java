// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every conversation in MOSS's SFT samples, rendered by us, is byte for byte the text MOSS was trained on. */
class SftSampleConformanceTest {

    private static final Pattern ENABLED = Pattern.compile("(?m)^- [^:\n]+: enabled\\. API: (\\w+)\\(\\w+\\)$");

    @TestFactory
    Stream<DynamicTest> every_sample_meta_instruction_is_regenerated_from_the_tools_it_enables() {
        return SftSamples.files().stream()
                .map(file -> dynamicTest(SftSamples.name(file), () -> {
                    String meta = SftSamples.json(file).get("meta_instruction").getAsString();
                    assertEquals(meta, MetaInstruction.of(enabledTools(meta)).text());
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_sample_renders_byte_for_byte_as_training_saw_it() {
        return SftSamples.files().stream()
                .map(file -> dynamicTest(SftSamples.name(file), () -> {
                    JsonObject sample = SftSamples.json(file);
                    MetaInstruction meta = MetaInstruction.of(
                            enabledTools(sample.get("meta_instruction").getAsString()));
                    List<Turn> turns = SftConversation.read(file).turns();

                    Prompt prompt = new PromptRenderer().conversation(meta, turns);

                    assertEquals(SftSamples.trainingText(sample), prompt.text());
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_sample_has_control_tokens_exactly_where_training_had_them() {
        // Training's tokenizer made a control token of every literal <eoh>, <eot>, … in the text; ours are parts.
        // A sample whose own texts quote such a literal (one reply writes "<eor>") is plain text for us: skipped.
        return SftSamples.files().stream()
                .filter(file -> !quotesAControlToken(SftSamples.json(file)))
                .map(file -> dynamicTest(SftSamples.name(file), () -> {
                    JsonObject sample = SftSamples.json(file);
                    Prompt prompt = SftConversation.read(file).prompt();
                    assertEquals(Prompt.ofModelOutput(SftSamples.trainingText(sample)), prompt);
                }));
    }

    @Test
    void at_most_one_sample_quotes_a_control_token_in_its_texts() {
        long quoting = SftSamples.files().stream()
                .filter(file -> quotesAControlToken(SftSamples.json(file)))
                .count();
        assertTrue(quoting <= 1, quoting + " samples");
    }

    @Test
    void the_samples_enable_inner_thoughts_exactly_when_they_enable_a_tool() {
        for (Path file : SftSamples.files()) {
            String meta = SftSamples.json(file).get("meta_instruction").getAsString();
            MetaInstruction parsed = new MetaInstruction(meta);
            assertEquals(!enabledTools(meta).isEmpty(), parsed.innerThoughts(), SftSamples.name(file));
            assertEquals(enabledTools(meta), parsed.enabledTools(), SftSamples.name(file));
        }
    }

    /** The tools a sample's meta instruction enables, read independently of {@link MetaInstruction}. */
    static Set<Tool> enabledTools(String meta) {
        Set<Tool> tools = EnumSet.noneOf(Tool.class);
        Matcher m = ENABLED.matcher(meta);
        while (m.find()) {
            tools.add(Tool.byApi(m.group(1)).orElseThrow(() -> new AssertionError("unknown API " + m.group())));
        }
        return tools;
    }

    private static boolean quotesAControlToken(JsonObject sample) {
        String stripped = SftSamples.trainingText(sample)
                .replace("<eoh>\n", "")
                .replace("<eot>\n", "")
                .replace("<eoc>\n", "")
                .replace("<eor>\n", "")
                .replace("<eom>\n", "");
        return Stream.of(ControlToken.values()).anyMatch(t -> stripped.contains(t.text()));
    }
}
