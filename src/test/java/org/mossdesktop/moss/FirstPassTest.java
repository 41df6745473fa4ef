// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirstPassTest {

    @Test
    void thoughts_and_commands_are_read_from_what_the_model_wrote() {
        FirstPass pass = FirstPass.parse(" 需要搜索<eot>\n<|Commands|>: Search(\"日本 出口\")");

        assertEquals(new FirstPass(Optional.of("需要搜索"), Optional.of("Search(\"日本 出口\")")), pass);
    }

    @Test
    void a_final_eoc_is_not_part_of_the_commands() {
        FirstPass pass = FirstPass.parse(" t<eot>\n<|Commands|>: Calculate(\"2+2\")<eoc>");

        assertEquals(Optional.of("Calculate(\"2+2\")"), pass.commands());
    }

    @Test
    void none_is_empty() {
        FirstPass pass = FirstPass.parse(" None<eot>\n<|Commands|>: None");

        assertEquals(new FirstPass(Optional.empty(), Optional.empty()), pass);
    }

    @Test
    void text_without_a_commands_line_is_all_thoughts() {
        assertEquals(new FirstPass(Optional.of("I am not sure"), Optional.empty()), FirstPass.parse(" I am not sure"));
        assertEquals(new FirstPass(Optional.empty(), Optional.empty()), FirstPass.parse(""));
    }
}
