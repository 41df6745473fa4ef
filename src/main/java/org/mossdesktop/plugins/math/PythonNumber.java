// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A number as Python holds it: an exact integer of any size, or an IEEE double. MOSS's calculator was
 * Python, and MOSS was trained on its answers: {@code 12*3} is {@code 36} but {@code 60/6} is {@code 10.0}.
 */
public sealed interface PythonNumber {

    /** Python's {@code int}. */
    record Int(BigInteger value) implements PythonNumber {}

    /** Python's {@code float}. */
    record Float(double value) implements PythonNumber {}

    /** Python's {@code repr()}: {@code 36}, {@code 10.0}, {@code 1e+16}. */
    default String repr() {
        return switch (this) {
            case Int i -> i.value().toString();
            case Float f -> PythonFloat.repr(f.value());
        };
    }

    /** {@code float(x)}, raising like Python when an int is too large. */
    default double toDouble() {
        return switch (this) {
            case Float f -> f.value();
            case Int i -> {
                double d = i.value().doubleValue();
                if (Double.isInfinite(d)) {
                    throw new ArithmeticException("int too large to convert to float");
                }
                yield d;
            }
        };
    }

    static PythonNumber of(long value) {
        return new Int(BigInteger.valueOf(value));
    }

    static PythonNumber of(double value) {
        return new Float(value);
    }

    /**
     * A literal as the tokenizer read it: {@code 12} is an int, {@code 12.0}, {@code 1e3} and {@code 3.33e8}
     * are floats (Python tells them apart by the dot or exponent; an exact BigDecimal keeps that in its scale).
     */
    static PythonNumber ofLiteral(BigDecimal literal) {
        if (literal.scale() == 0) {
            return new Int(literal.unscaledValue());
        }
        return new Float(literal.doubleValue());
    }

    /** Python's true division {@code a / b}, correctly rounded also for integers beyond 2^53. */
    static PythonNumber divide(PythonNumber a, PythonNumber b) {
        if (a instanceof Int(BigInteger x) && b instanceof Int(BigInteger y)) {
            if (y.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (x.bitLength() <= 53 && y.bitLength() <= 53) {
                return new Float(x.doubleValue() / y.doubleValue());
            }
            return new Float(new BigDecimal(x)
                    .divide(new BigDecimal(y), new MathContext(40))
                    .doubleValue());
        }
        double divisor = b.toDouble();
        if (divisor == 0) {
            throw new ArithmeticException("float division by zero");
        }
        return new Float(a.toDouble() / divisor);
    }
}
