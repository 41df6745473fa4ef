// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One plugin turn through the whole protocol, as the chat service will drive it. */
class PluginTurnTest {

    @Test
    void a_calculation_turn_goes_from_first_pass_to_second_pass_to_history() {
        MetaInstruction meta = MetaInstruction.of(Set.of(Tool.WEB_SEARCH, Tool.CALCULATOR));
        PromptRenderer renderer = new PromptRenderer();
        Turn searched = new Turn(
                "杭州西湖有多大？",
                Optional.of("用户想知道西湖的面积，我需要搜索一下"),
                Optional.of("Search(\"杭州 西湖 面积\")"),
                Optional.of("Search(\"杭州 西湖 面积\") =>\n<|1|>: '西湖位于杭州市西部，湖面面积约6.38平方千米。'"),
                "西湖的湖面面积约为6.38平方千米。<sup><|1|></sup>");
        String message = "How many football pitches is that, if one pitch is 7140 m²?";

        Prompt first = renderer.prompt(meta, List.of(searched), message);
        String generated = " I need to divide the lake's area in square metres by the area of one pitch.<eot>\n"
                + "<|Commands|>: Calculate(\"6.38*1000000/7140\")";
        FirstPass pass = FirstPass.parse(generated);
        List<Command> commands = new CommandParser().parse(pass.commands().orElse("None"));
        Results results = new ResultsFormatter()
                .format(List.of(new CommandResult(commands.getFirst(), new ToolResult.Value("893.5574229691877"))));
        Prompt second = renderer.secondPass(first, generated, results.text());

        assertEquals(Golden.text("plugin-second-pass.prompt.txt"), second.text());

        Turn done = new Turn(message, pass.innerThoughts(), pass.commands(), results.text(), "About 894 pitches.");
        assertEquals(
                second.text() + " About 894 pitches.<eom>\n",
                renderer.conversation(meta, List.of(searched, done)).text());
    }
}
