// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mossdesktop.moss.ToolResult;

class CalculatorTest {

    private final Calculator calculator = new Calculator();

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2^10 | 1024",
                "10^30 | 1000000000000000000000000000000",
                "7**2 | 49",
                "-2^2 | -4",
                "2^3^2 | 512",
                "2^-1 | 0.5",
                "(-8)^2 | 64",
                "60/6 | 10.0",
                "7//2 | 3",
                "-7//2 | -4",
                "-7%3 | 2",
                "7.5%-2 | -0.5",
                "0.1+0.2 | 0.30000000000000004",
                "1e16 | 1e+16",
                "1e16+1 | 1e+16",
                "10^16/1 | 1e+16",
                "1/3*1e-5 | 3.3333333333333333e-06",
                "12*sqrt(3) | 20.784609690826528",
                "sqrt(16) | 4.0",
                "factorial(20) | 2432902008176640000",
                "abs(-3) | 3",
                "abs(-3.5) | 3.5",
                "log(8, 2) | 3.0",
                "ln(e) | 1.0",
                "exp(0) | 1.0",
                "log10(1000) | 3.0",
                "sin(0) | 0.0",
                "cos(pi) | -1.0",
                "tan(0) | 0.0",
                "round(2.5) | 2",
                "round(2.675, 2) | 2.67",
                "floor(-2.5) | -3",
                "ceil(2.1) | 3",
                "p=(3+4+5)/2;sqrt(p*(p-3)*(p-4)*(p-5)) | 6.0",
                "a=2; b=3; a*b | 6",
                "3.33e8*0.601 | 200133000.0",
                "  1 + 1  | 2",
            })
    void evaluates_like_the_python_tool_moss_was_trained_with(String expression, String value) {
        assertEquals(new ToolResult.Value(value), calculator.run(expression));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1/0",
                "5%0",
                "sqrt(-1)",
                "log(0)",
                "exp(1000)",
                "(-8)^(1/3)",
                "0^-1",
                "x+1",
                "2x",
                "(1+2",
                "1+",
                "12*3=",
                "2022-09-01 - 1998-11-20",
                "factorial(-1)",
                "factorial(2.5)",
                "10^100000",
                "9^9^9",
                "'text'",
                "a=1",
                "\"\"",
            })
    void answers_no_result_where_python_would_have_raised(String expression) {
        assertInstanceOf(ToolResult.NoResult.class, calculator.run(expression));
    }

    @Test
    void an_empty_argument_has_no_result() {
        assertInstanceOf(ToolResult.NoResult.class, calculator.run(""));
    }
}
