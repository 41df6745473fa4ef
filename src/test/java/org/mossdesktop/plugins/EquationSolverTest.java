// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mossdesktop.moss.ToolResult;

class EquationSolverTest {

    private static final EquationSolver SOLVER = new EquationSolver();

    @AfterAll
    static void close() {
        SOLVER.close();
    }

    private static ToolResult solve(String equations) throws InterruptedException {
        return SOLVER.run(equations);
    }

    @Test
    void a_linear_system_gives_one_line_per_unknown_in_name_order() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("x = 0", "y = 500")), solve("x+y=500;5x+8y=4000"));
    }

    @Test
    void exact_fractions_stay_fractions() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("a = -7/2")), solve("2a + 7 = 0"));
    }

    @Test
    void a_decimal_in_the_input_makes_every_solution_a_fifteen_digit_float() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("x = 2.50000000000000")), solve("0.4x = 1"));
    }

    @Test
    void a_division_of_two_numbers_is_a_float_as_in_python() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("x = 20.0000000000000")), solve("x*1/2 = 10 * (3/3)"));
    }

    @Test
    void several_roots_are_numbered_from_the_smallest() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("x_0 = -3", "x_1 = 1", "x_2 = 2")), solve("x^3 - 7x + 6 = 0"));
    }

    @Test
    void complex_roots_are_left_out() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("x = 1")), solve("x^3 = 1"));
    }

    @Test
    void irrational_roots_of_an_exact_equation_have_no_result_as_in_the_original() throws InterruptedException {
        assertInstanceOf(ToolResult.NoResult.class, solve("x^2 = 2"));
    }

    @Test
    void irrational_roots_of_a_floating_equation_are_printed() throws InterruptedException {
        assertEquals(
                new ToolResult.Solutions(List.of("x_0 = -1.41421356237310", "x_1 = 1.41421356237310")),
                solve("x^2 = 2.0"));
    }

    @Test
    void unknowns_named_like_symja_builtins_are_ordinary_unknowns() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("E = 4", "I = 2")), solve("I + E = 6; I - E = -2"));
    }

    @Test
    void commas_outside_parentheses_separate_equations() throws InterruptedException {
        assertEquals(new ToolResult.Solutions(List.of("x = 13", "y = 2")), solve("x+y=15, 2x+4y=34"));
    }

    @ParameterizedTest(name = "«{0}»")
    @ValueSource(
            strings = {
                "x = x + 1",
                "x + y = 25",
                "x^2 = -4",
                "x + 1",
                "",
                "x = ",
                "= 3",
                "x == = 2",
                "(x + 1 = 2",
                "x // 2 = 3",
                "Quit() = 1",
                "1 = 1",
                "x = 1/0",
            })
    void what_cannot_be_solved_has_no_result(String equations) throws InterruptedException {
        assertInstanceOf(ToolResult.NoResult.class, solve(equations));
    }

    @Test
    void warming_up_loads_the_solver_ahead_of_the_first_question() throws Exception {
        SOLVER.warmUp().get(60, TimeUnit.SECONDS);
        assertEquals(new ToolResult.Solutions(List.of("x = 1")), solve("x = 1"));
    }
}
