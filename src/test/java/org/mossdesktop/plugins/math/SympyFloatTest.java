// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are SymPy 1.14's {@code str(Float(x))}. */
class SympyFloatTest {

    @ParameterizedTest(name = "str(Float({0})) = {1}")
    @CsvSource({
        "130.0, 130.000000000000",
        "53.333333333333336, 53.3333333333333",
        "13636.363636363636, 13636.3636363636",
        "-15.15437968307346, -15.1543796830735",
        "1e20, 1.00000000000000e+20",
        "1e15, 1.00000000000000e+15",
        "1e14, 100000000000000.",
        "123456789012345.6, 123456789012346.",
        "0.00123, 0.00123000000000000",
        "0.0001, 0.000100000000000000",
        "0.0000123, 1.23000000000000e-5",
        "0.00001, 1.00000000000000e-5",
        "0.0, 0.0",
        "999.99999999999999, 1000.00000000000",
    })
    void writes_floats_as_sympy_printed_solutions(double value, String str) {
        assertEquals(str, SympyFloat.str(value));
    }
}
