// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import static com.ezylang.evalex.operators.OperatorIfc.OPERATOR_PRECEDENCE_ADDITIVE;
import static com.ezylang.evalex.operators.OperatorIfc.OPERATOR_PRECEDENCE_MULTIPLICATIVE;
import static com.ezylang.evalex.operators.OperatorIfc.OPERATOR_PRECEDENCE_POWER_HIGHER;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.config.MapBasedOperatorDictionary;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.AbstractFunction;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.FunctionParameter;
import com.ezylang.evalex.operators.AbstractOperator;
import com.ezylang.evalex.operators.InfixOperator;
import com.ezylang.evalex.operators.PrefixOperator;
import com.ezylang.evalex.parser.Token;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mossdesktop.plugins.math.PythonNumber.Float;
import org.mossdesktop.plugins.math.PythonNumber.Int;

/**
 * EvalEx, taught Python's arithmetic: ints stay exact, {@code /} and math functions give floats, {@code ^}
 * and {@code **} are powers binding tighter than unary minus ({@code -2^2 = -4}), errors where Python
 * raises (division by zero, math domain errors, overflow). Values travel through EvalEx as binary values
 * holding a {@link PythonNumber}.
 */
public final class PythonArithmetic {

    /** Python's {@code str(int)} limit (3.11+): also keeps a Results line readable. */
    static final int MAX_INT_DIGITS = 4300;

    private static final int MAX_INT_BITS = (int) Math.ceil(MAX_INT_DIGITS * Math.log(10) / Math.log(2)) + 1;
    private static final int MAX_FACTORIAL = 1000;

    private PythonArithmetic() {}

    /**
     * An EvalEx configuration with only Python's operators and {@code math} functions. {@code
     * implicitMultiplication} reads {@code 5x} as {@code 5*x} (the solver's input; Python itself refuses it).
     */
    public static ExpressionConfiguration configuration(
            boolean implicitMultiplication, Map<String, PythonNumber> constants) {
        MapBasedOperatorDictionary operators = new MapBasedOperatorDictionary();
        operators.addOperator("+", new Add());
        operators.addOperator("-", new Subtract());
        operators.addOperator("*", new Multiply());
        operators.addOperator("/", new Divide());
        operators.addOperator("//", new FloorDivide());
        operators.addOperator("%", new Modulo());
        operators.addOperator("^", new Power());
        operators.addOperator("**", new Power());
        operators.addOperator("+", new Plus());
        operators.addOperator("-", new Negate());
        MapBasedFunctionDictionary functions = new MapBasedFunctionDictionary();
        FUNCTIONS.forEach(functions::addFunction);
        return ExpressionConfiguration.builder()
                .operatorDictionary(operators)
                .functionDictionary(functions)
                .mathContext(MathContext.UNLIMITED) // literals stay exactly as written
                .defaultConstants(Map.copyOf(constants.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> wrap(e.getValue())))))
                .arraysAllowed(false)
                .structuresAllowed(false)
                .binaryAllowed(true)
                .implicitMultiplicationAllowed(implicitMultiplication)
                .singleQuoteStringLiteralsAllowed(false)
                .build();
    }

    /** Python's {@code math.pi} and {@code math.e}. */
    public static final Map<String, PythonNumber> MATH_CONSTANTS = Map.of(
            "pi", PythonNumber.of(Math.PI),
            "π", PythonNumber.of(Math.PI),
            "e", PythonNumber.of(Math.E),
            "tau", PythonNumber.of(2 * Math.PI));

    /** The function names EvalEx will parse, so the solver can reject what it cannot translate. */
    public static boolean isFunction(String name) {
        return FUNCTIONS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public static EvaluationValue wrap(PythonNumber number) {
        return EvaluationValue.binaryValue(number);
    }

    /** The number an EvalEx value holds: one of ours, or a literal EvalEx read as a BigDecimal. */
    public static PythonNumber unwrap(EvaluationValue value, Token token) throws EvaluationException {
        if (value.isBinaryValue() && value.getValue() instanceof PythonNumber number) {
            return number;
        }
        if (value.isNumberValue()) {
            return PythonNumber.ofLiteral(value.getNumberValue());
        }
        throw new EvaluationException(token, "not a number");
    }

    // --- operators ---

    @InfixOperator(precedence = OPERATOR_PRECEDENCE_ADDITIVE)
    static final class Add extends Binary {
        Add() {
            super(BigInteger::add, Double::sum);
        }
    }

    @InfixOperator(precedence = OPERATOR_PRECEDENCE_ADDITIVE)
    static final class Subtract extends Binary {
        Subtract() {
            super(BigInteger::subtract, (a, b) -> a - b);
        }
    }

    @InfixOperator(precedence = OPERATOR_PRECEDENCE_MULTIPLICATIVE)
    static final class Multiply extends Binary {
        Multiply() {
            super(PythonArithmetic::multiply, (a, b) -> a * b);
        }
    }

    @InfixOperator(precedence = OPERATOR_PRECEDENCE_MULTIPLICATIVE)
    static final class Divide extends Operator {
        @Override
        PythonNumber apply(PythonNumber a, PythonNumber b) {
            return PythonNumber.divide(a, b);
        }
    }

    @InfixOperator(precedence = OPERATOR_PRECEDENCE_MULTIPLICATIVE)
    static final class FloorDivide extends Binary {
        FloorDivide() {
            super(
                    (a, b) -> {
                        if (b.signum() == 0) {
                            throw new ArithmeticException("integer division or modulo by zero");
                        }
                        BigInteger[] qr = a.divideAndRemainder(b);
                        return qr[1].signum() != 0 && qr[1].signum() != b.signum()
                                ? qr[0].subtract(BigInteger.ONE)
                                : qr[0];
                    },
                    (a, b) -> {
                        if (b == 0) {
                            throw new ArithmeticException("float floor division by zero");
                        }
                        return Math.floor(a / b);
                    });
        }
    }

    @InfixOperator(precedence = OPERATOR_PRECEDENCE_MULTIPLICATIVE)
    static final class Modulo extends Binary {
        Modulo() {
            super(
                    (a, b) -> {
                        if (b.signum() == 0) {
                            throw new ArithmeticException("integer division or modulo by zero");
                        }
                        BigInteger r = a.mod(b.abs());
                        return b.signum() < 0 && r.signum() != 0 ? r.add(b) : r;
                    },
                    (a, b) -> {
                        if (b == 0) {
                            throw new ArithmeticException("float modulo");
                        }
                        double mod = a % b;
                        if (mod != 0 && (b < 0) != (mod < 0)) {
                            mod += b;
                        }
                        return mod == 0 ? Math.copySign(0, b) : mod;
                    });
        }
    }

    /**
     * Python's {@code **}, which MOSS writes as {@code ^}: right-associative, tighter than a unary minus on
     * its left ({@code -2^2 = -4}) yet taking one on its right ({@code 2^-1}). Giving the prefix operators
     * the same precedence gets both out of EvalEx's shunting-yard.
     */
    @InfixOperator(precedence = OPERATOR_PRECEDENCE_POWER_HIGHER, leftAssociative = false)
    static final class Power extends Operator {
        @Override
        PythonNumber apply(PythonNumber a, PythonNumber b) {
            return power(a, b);
        }
    }

    @PrefixOperator(precedence = OPERATOR_PRECEDENCE_POWER_HIGHER, leftAssociative = false)
    static final class Negate extends AbstractOperator {
        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... operands)
                throws EvaluationException {
            return wrap(
                    switch (unwrap(operands[0], token)) {
                        case Int(BigInteger v) -> new Int(v.negate());
                        case Float(double v) -> new Float(-v);
                    });
        }
    }

    @PrefixOperator(precedence = OPERATOR_PRECEDENCE_POWER_HIGHER, leftAssociative = false)
    static final class Plus extends AbstractOperator {
        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... operands)
                throws EvaluationException {
            return wrap(unwrap(operands[0], token));
        }
    }

    /** An infix operator over two Python numbers; Python's errors become EvalEx's. */
    abstract static class Operator extends AbstractOperator {
        abstract PythonNumber apply(PythonNumber a, PythonNumber b);

        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... operands)
                throws EvaluationException {
            PythonNumber a = unwrap(operands[0], token);
            PythonNumber b = unwrap(operands[1], token);
            try {
                return wrap(checked(apply(a, b)));
            } catch (ArithmeticException e) {
                throw new EvaluationException(token, e.getMessage());
            }
        }
    }

    /** int op int stays an int; anything with a float is done in doubles, as Python does. */
    abstract static class Binary extends Operator {
        private final BinaryOperator<BigInteger> onInts;
        private final DoubleBinaryOperator onFloats;

        Binary(BinaryOperator<BigInteger> onInts, DoubleBinaryOperator onFloats) {
            this.onInts = onInts;
            this.onFloats = onFloats;
        }

        @Override
        PythonNumber apply(PythonNumber a, PythonNumber b) {
            if (a instanceof Int(BigInteger x) && b instanceof Int(BigInteger y)) {
                return new Int(onInts.apply(x, y));
            }
            return new Float(onFloats.applyAsDouble(a.toDouble(), b.toDouble()));
        }
    }

    private static BigInteger multiply(BigInteger a, BigInteger b) {
        if ((long) a.bitLength() + b.bitLength() > MAX_INT_BITS) {
            throw new ArithmeticException("integer too large");
        }
        return a.multiply(b);
    }

    static PythonNumber power(PythonNumber a, PythonNumber b) {
        if (a instanceof Int(BigInteger base) && b instanceof Int(BigInteger exponent)) {
            if (exponent.signum() >= 0) {
                if (exponent.signum() == 0) {
                    return new Int(BigInteger.ONE);
                }
                if (base.abs().compareTo(BigInteger.ONE) <= 0) {
                    return new Int(base.signum() < 0 && !exponent.testBit(0) ? BigInteger.ONE : base);
                }
                if ((base.bitLength() - 1L) * exponent.longValue() > MAX_INT_BITS || exponent.bitLength() > 31) {
                    throw new ArithmeticException("integer too large");
                }
                return new Int(base.pow(exponent.intValue()));
            }
            if (base.signum() == 0) {
                throw new ArithmeticException("0.0 cannot be raised to a negative power");
            }
        }
        double x = a.toDouble();
        double y = b.toDouble();
        if (x == 0 && y < 0) {
            throw new ArithmeticException("0.0 cannot be raised to a negative power");
        }
        if (x < 0 && y != Math.rint(y) && Double.isFinite(y)) {
            throw new ArithmeticException("complex result"); // Python 3 would give a complex number
        }
        return new Float(Math.pow(x, y));
    }

    /** Python raises OverflowError where a finite computation overflows, and ValueError on NaN. */
    static PythonNumber checked(PythonNumber result) {
        if (result instanceof Float(double v) && !Double.isFinite(v)) {
            throw new ArithmeticException(Double.isNaN(v) ? "math domain error" : "math range error");
        }
        if (result instanceof Int(BigInteger v) && v.bitLength() > MAX_INT_BITS) {
            throw new ArithmeticException("integer too large");
        }
        return result;
    }

    // --- functions: Python's math module, plus ln ---

    private static final Map<String, FunctionIfc> FUNCTIONS = functions();

    private static Map<String, FunctionIfc> functions() {
        Map<String, FunctionIfc> f = new HashMap<>();
        unary(f, "sqrt", Math::sqrt);
        unary(f, "exp", Math::exp);
        unary(f, "sin", Math::sin);
        unary(f, "cos", Math::cos);
        unary(f, "tan", Math::tan);
        unary(f, "asin", Math::asin);
        unary(f, "acos", Math::acos);
        unary(f, "atan", Math::atan);
        unary(f, "sinh", Math::sinh);
        unary(f, "cosh", Math::cosh);
        unary(f, "tanh", Math::tanh);
        unary(f, "ln", Math::log);
        unary(f, "log10", Math::log10);
        unary(f, "log2", x -> {
            // Python's log2 is exact for powers of two.
            if (x > 0
                    && Double.isFinite(x)
                    && Math.getExponent(x) > Double.MIN_EXPONENT
                    && x == Math.scalb(1.0, Math.getExponent(x))) {
                return Math.getExponent(x);
            }
            return Math.log(x) / Math.log(2);
        });
        unary(f, "cbrt", Math::cbrt);
        unary(f, "degrees", Math::toDegrees);
        unary(f, "radians", Math::toRadians);
        unary(f, "fabs", Math::abs);
        binary(f, "atan2", Math::atan2);
        binary(f, "hypot", Math::hypot);
        binary(f, "pow", (x, y) -> ((Float) power(PythonNumber.of(x), PythonNumber.of(y))).value());
        f.put("log", new Log());
        f.put("factorial", new Exact(PythonArithmetic::factorial));
        f.put("abs", new Exact(n -> switch (n) {
            case Int(BigInteger v) -> new Int(v.abs());
            case Float(double v) -> new Float(Math.abs(v));
        }));
        f.put("floor", new Exact(n -> toInt(n, RoundingMode.FLOOR)));
        f.put("ceil", new Exact(n -> toInt(n, RoundingMode.CEILING)));
        f.put("trunc", new Exact(n -> toInt(n, RoundingMode.DOWN)));
        f.put("round", new Round());
        return Map.copyOf(f);
    }

    private static void unary(Map<String, FunctionIfc> f, String name, DoubleUnaryOperator op) {
        f.put(name, new FloatFunction(args -> op.applyAsDouble(args[0])));
    }

    private static void binary(Map<String, FunctionIfc> f, String name, DoubleBinaryOperator op) {
        f.put(name, new FloatFunction2(args -> op.applyAsDouble(args[0], args[1])));
    }

    private static PythonNumber factorial(PythonNumber n) {
        BigInteger value = switch (n) {
            case Int(BigInteger v) -> v;
            // Python < 3.10 accepted integral floats, with a deprecation warning.
            case Float(double v) when v == Math.rint(v) && Math.abs(v) < 1e9 -> BigInteger.valueOf((long) v);
            case Float ignored -> throw new ArithmeticException("factorial() only accepts integral values");
        };
        if (value.signum() < 0) {
            throw new ArithmeticException("factorial() not defined for negative values");
        }
        if (value.compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0) {
            throw new ArithmeticException("integer too large");
        }
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= value.intValue(); i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return new Int(result);
    }

    private static PythonNumber toInt(PythonNumber n, RoundingMode mode) {
        return switch (n) {
            case Int i -> i;
            case Float(double v) -> {
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("cannot convert float to integer");
                }
                yield new Int(new BigDecimal(v).setScale(0, mode).toBigIntegerExact());
            }
        };
    }

    @FunctionParameter(name = "x")
    static final class FloatFunction extends AbstractFunction {
        private final Function<double[], Double> op;

        FloatFunction(Function<double[], Double> op) {
            this.op = op;
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... args)
                throws EvaluationException {
            return apply(token, op, args);
        }
    }

    @FunctionParameter(name = "x")
    @FunctionParameter(name = "y")
    static final class FloatFunction2 extends AbstractFunction {
        private final Function<double[], Double> op;

        FloatFunction2(Function<double[], Double> op) {
            this.op = op;
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... args)
                throws EvaluationException {
            return apply(token, op, args);
        }
    }

    /** math functions convert their arguments to float and return a float. */
    private static EvaluationValue apply(Token token, Function<double[], Double> op, EvaluationValue... args)
            throws EvaluationException {
        try {
            double[] x = new double[args.length];
            boolean finite = true;
            for (int i = 0; i < args.length; i++) {
                x[i] = unwrap(args[i], token).toDouble();
                finite &= Double.isFinite(x[i]);
            }
            double result = op.apply(x);
            if (finite && !Double.isFinite(result)) {
                throw new ArithmeticException(Double.isNaN(result) ? "math domain error" : "math range error");
            }
            return wrap(new Float(result));
        } catch (ArithmeticException | ClassCastException e) {
            throw new EvaluationException(token, String.valueOf(e.getMessage()));
        }
    }

    /** {@code log(x)} is natural, {@code log(x, base)} as Python computes it: log(x) / log(base). */
    @FunctionParameter(name = "x")
    @FunctionParameter(name = "base", isVarArg = true)
    static final class Log extends AbstractFunction {
        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... args)
                throws EvaluationException {
            if (args.length > 2) {
                throw new EvaluationException(token, "log expected at most 2 arguments");
            }
            return apply(token, x -> x.length == 1 ? Math.log(x[0]) : Math.log(x[0]) / Math.log(x[1]), args);
        }
    }

    /** Functions that keep ints exact: abs, floor, ceil, trunc, factorial. */
    @FunctionParameter(name = "x")
    static final class Exact extends AbstractFunction {
        private final Function<PythonNumber, PythonNumber> op;

        Exact(Function<PythonNumber, PythonNumber> op) {
            this.op = op;
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... args)
                throws EvaluationException {
            try {
                return wrap(checked(op.apply(unwrap(args[0], token))));
            } catch (ArithmeticException e) {
                throw new EvaluationException(token, e.getMessage());
            }
        }
    }

    /** Python 3's {@code round}: half to even; {@code round(x)} is an int, {@code round(x, n)} a float. */
    @FunctionParameter(name = "x")
    @FunctionParameter(name = "ndigits", isVarArg = true)
    static final class Round extends AbstractFunction {
        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... args)
                throws EvaluationException {
            try {
                PythonNumber x = unwrap(args[0], token);
                if (args.length == 1) {
                    return wrap(toInt(x, RoundingMode.HALF_EVEN));
                }
                if (args.length > 2 || !(unwrap(args[1], token) instanceof Int(BigInteger n)) || n.bitLength() > 16) {
                    throw new ArithmeticException("round() takes an integer number of digits");
                }
                return wrap(
                        switch (x) {
                            case Int(BigInteger v) ->
                                n.signum() >= 0
                                        ? x
                                        : new Int(new BigDecimal(v)
                                                .setScale(n.intValue(), RoundingMode.HALF_EVEN)
                                                .toBigInteger());
                            case Float(double v) ->
                                Double.isFinite(v)
                                        ? new Float(new BigDecimal(v)
                                                .setScale(n.intValue(), RoundingMode.HALF_EVEN)
                                                .doubleValue())
                                        : x;
                        });
            } catch (ArithmeticException e) {
                throw new EvaluationException(token, e.getMessage());
            }
        }
    }
}
