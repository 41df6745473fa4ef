// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {

    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource({
        "0.1, 0.1",
        "100, 100.0",
        "-0.0, -0.0",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "1.5e-7, 1.5e-07",
        "1234567890123456, 1234567890123456.0",
        "1e16, 1e+16",
        "123456789012345678, 1.2345678901234568e+17",
        "1e22, 1e+22",
        "1e23, 1e+23",
        "2.5e300, 2.5e+300",
        "4.9e-324, 5e-324",
        "20.784609690826528, 20.784609690826528",
        "0.42857142857142855, 0.42857142857142855",
        "Infinity, inf",
        "NaN, nan",
    })
    void writes_floats_as_python_repr_does(double value, String repr) {
        assertEquals(repr, PythonFloat.repr(value));
    }
}
