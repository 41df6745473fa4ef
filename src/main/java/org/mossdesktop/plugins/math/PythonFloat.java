// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}: the shortest digits that read back to the same double (Java 19+ finds the
 * same digits), written Python's way: {@code 10.0}, {@code 0.0001}, {@code 1e-05}, {@code 1e+16}.
 */
public final class PythonFloat {

    private PythonFloat() {}

    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
        if (value == 0) {
            return sign + "0.0";
        }
        Digits d = shortest(Math.abs(value));
        // Python's float_repr_style 'short': exponent notation outside 1e-4 <= |x| < 1e16.
        if (d.pointPosition <= -4 || d.pointPosition > 16) {
            String mantissa = d.digits.length() == 1 ? d.digits : d.digits.charAt(0) + "." + d.digits.substring(1);
            int exponent = d.pointPosition - 1;
            String exp = String.format("%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        if (d.pointPosition <= 0) {
            return sign + "0." + "0".repeat(-d.pointPosition) + d.digits;
        }
        if (d.pointPosition >= d.digits.length()) {
            return sign + d.digits + "0".repeat(d.pointPosition - d.digits.length()) + ".0";
        }
        return sign + d.digits.substring(0, d.pointPosition) + "." + d.digits.substring(d.pointPosition);
    }

    /** value = 0.{digits} × 10^pointPosition, digits without trailing zeros. */
    private record Digits(String digits, int pointPosition) {
        static Digits of(BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Digits(digits, digits.length() - stripped.scale());
        }
    }

    private static Digits shortest(double positive) {
        Digits java = Digits.of(new BigDecimal(Double.toString(positive)));
        if (java.digits.length() != 2) {
            return java;
        }
        // Java picks the closest of the 1- and 2-digit decimals; Python the shortest, closest among those.
        BigDecimal exact = new BigDecimal(positive);
        Digits best = null;
        BigDecimal bestDistance = null;
        int first = java.digits.charAt(0) - '0';
        for (int candidate : new int[] {first, first + 1}) {
            BigDecimal decimal = BigDecimal.valueOf(candidate).scaleByPowerOfTen(java.pointPosition - 1);
            if (decimal.signum() > 0 && decimal.doubleValue() == positive) {
                BigDecimal distance = decimal.subtract(exact).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = Digits.of(decimal);
                    bestDistance = distance;
                }
            }
        }
        return best != null ? best : java;
    }
}
