// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How MOSS's equation solver (SymPy) printed a floating solution: 15 significant digits, trailing zeros
 * kept, the way mpmath's {@code to_str} writes a 53-bit Float at top level: {@code 130.000000000000},
 * {@code 13.3636363636364}, {@code 100000000000000.}, {@code 1.00000000000000e+20}, {@code 1.23000000000000e-5}.
 */
public final class SympyFloat {

    private static final int DIGITS = 15;

    private SympyFloat() {}

    public static String str(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        if (value == 0) {
            return "0.0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal rounded = new BigDecimal(Math.abs(value)).round(new MathContext(DIGITS, RoundingMode.HALF_UP));
        String digits = rounded.unscaledValue().toString();
        // A rounding carry (9.99… → 10.0…) can leave 16 digits; keep 15.
        digits = (digits + "0".repeat(DIGITS)).substring(0, DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        // mpmath: fixed notation while min_fixed < exponent < max_fixed, min_fixed = -5, max_fixed = dps.
        if (exponent > -5 && exponent < DIGITS) {
            if (exponent < 0) {
                return sign + "0." + "0".repeat(-exponent - 1) + digits;
            }
            int split = exponent + 1;
            return sign + digits.substring(0, split) + "." + digits.substring(split);
        }
        String mantissa = digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "" : "+") + exponent;
    }
}
