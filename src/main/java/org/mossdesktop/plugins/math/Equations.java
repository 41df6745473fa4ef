// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import com.ezylang.evalex.BaseException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.parser.ASTNode;
import com.ezylang.evalex.parser.Token.TokenType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * What MOSS writes in {@code Solve("…")}, read into Symja expressions: equations separated by {@code ;} (or
 * {@code ,}), {@code 5x} for {@code 5*x}, {@code ^} for power; parts without {@code =} name what MOSS wants
 * ({@code 6x^2=2400;x^3}) and are left out. EvalEx parses (with Python's precedence); we build the Symja
 * expressions from its tree, so no user text ever reaches Symja's own parser.
 *
 * <p>{@link #floating()} says whether SymPy, behind MOSS's original tool, would have seen a float: the
 * tool read the equations as Python, so {@code 0.5}, {@code 2/5} and {@code cos(120)} were floats while
 * {@code x/4} and {@code pi} stayed exact. It printed floating solutions to 15 digits
 * ({@code x = 130.000000000000}) and exact ones as they are ({@code x = 160/3}).
 *
 * @param equations Symja {@code Equal(lhs, rhs)} expressions
 * @param variables the unknowns, sorted by name as SymPy printed them, each with the name MOSS wrote
 * @param floating whether a Python float took part
 */
public record Equations(List<IExpr> equations, Map<String, ISymbol> variables, boolean floating) {

    private static final ExpressionConfiguration PYTHON = PythonArithmetic.configuration(true, Map.of());

    private static final Map<String, UnaryOperator<IExpr>> FUNCTIONS = Map.ofEntries(
            Map.entry("sqrt", F::Sqrt),
            Map.entry("exp", F::Exp),
            Map.entry("sin", F::Sin),
            Map.entry("cos", F::Cos),
            Map.entry("tan", F::Tan),
            Map.entry("asin", F::ArcSin),
            Map.entry("acos", F::ArcCos),
            Map.entry("atan", F::ArcTan),
            Map.entry("sinh", F::Sinh),
            Map.entry("cosh", F::Cosh),
            Map.entry("tanh", F::Tanh),
            Map.entry("ln", F::Log),
            Map.entry("log10", x -> F.Divide(F.Log(x), F.Log(F.ZZ(10)))),
            Map.entry("log2", x -> F.Divide(F.Log(x), F.Log(F.ZZ(2)))),
            Map.entry("abs", F::Abs),
            Map.entry("fabs", F::Abs),
            Map.entry("factorial", F::Factorial));

    public Equations {
        equations = List.copyOf(equations);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** The equations in {@code text}, or empty where there are none or they cannot be read. */
    public static Optional<Equations> parse(String text) {
        try {
            Reader reader = new Reader();
            for (String part : parts(text)) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    continue; // "x^3" in "6x^2=2400;x^3": what MOSS wants, not an equation
                }
                int rhsStart = part.startsWith("==", equals) ? equals + 2 : equals + 1;
                String lhs = part.substring(0, equals);
                String rhs = part.substring(rhsStart);
                if (lhs.isBlank() || rhs.isBlank() || rhs.indexOf('=') >= 0) {
                    return Optional.empty();
                }
                reader.equations.add(F.Equal(reader.read(lhs), reader.read(rhs)));
            }
            if (reader.equations.isEmpty()) {
                return Optional.empty();
            }
            Map<String, ISymbol> sorted = new LinkedHashMap<>();
            reader.symbols.keySet().stream().sorted().forEach(name -> sorted.put(name, reader.symbols.get(name)));
            return Optional.of(new Equations(reader.equations, sorted, reader.floating));
        } catch (BaseException | UnsupportedOperationException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Split at {@code ;}, and at commas outside parentheses ({@code x+y=15, 2x+4y=34}). */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ';' || (c == ',' && depth == 0)) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static final Pattern CLOSE_THEN_FACTOR = Pattern.compile("\\)\\s*(?=[\\p{L}\\d_.])");

    private static final class Reader {
        final List<IExpr> equations = new ArrayList<>();
        final Map<String, ISymbol> symbols = new LinkedHashMap<>();
        boolean floating;

        IExpr read(String side) throws BaseException {
            // EvalEx reads 5x and (x+1)(x-1) as products, but not (4/3)x.
            String text = CLOSE_THEN_FACTOR.matcher(side.strip()).replaceAll(")*");
            Expression expression = new Expression(text, PYTHON);
            ASTNode root = expression.getAbstractSyntaxTree();
            markFloats(expression, root);
            return translate(root);
        }

        /** Python evaluates the parts without unknowns itself: does any give a float? */
        private void markFloats(Expression expression, ASTNode node) throws BaseException {
            if (!hasSymbols(node)) {
                PythonNumber value = PythonArithmetic.unwrap(expression.evaluateSubtree(node), node.getToken());
                floating |= value instanceof PythonNumber.Float;
                return;
            }
            for (ASTNode child : node.getParameters()) {
                markFloats(expression, child);
            }
        }

        private static boolean hasSymbols(ASTNode node) {
            return node.getToken().getType() == TokenType.VARIABLE_OR_CONSTANT
                    || node.getParameters().stream().anyMatch(Reader::hasSymbols);
        }

        private IExpr translate(ASTNode node) {
            List<IExpr> args =
                    node.getParameters().stream().map(this::translate).toList();
            String value = node.getToken().getValue();
            return switch (node.getToken().getType()) {
                case NUMBER_LITERAL -> number(new BigDecimal(value));
                case VARIABLE_OR_CONSTANT -> symbol(value);
                case PREFIX_OPERATOR -> value.equals("-") ? F.Negate(args.get(0)) : args.get(0);
                case INFIX_OPERATOR ->
                    switch (value) {
                        case "+" -> F.Plus(args.get(0), args.get(1));
                        case "-" -> F.Subtract(args.get(0), args.get(1));
                        case "*" -> F.Times(args.get(0), args.get(1));
                        case "/" -> F.Divide(args.get(0), args.get(1));
                        case "^", "**" -> F.Power(args.get(0), args.get(1));
                        default -> throw new UnsupportedOperationException(value);
                    };
                case FUNCTION -> function(value.toLowerCase(Locale.ROOT), args);
                default -> throw new UnsupportedOperationException(value);
            };
        }

        private static IExpr function(String name, List<IExpr> args) {
            if (name.equals("log") && (args.size() == 1 || args.size() == 2)) {
                return args.size() == 1 ? F.Log(args.get(0)) : F.Divide(F.Log(args.get(0)), F.Log(args.get(1)));
            }
            UnaryOperator<IExpr> f = FUNCTIONS.get(name);
            if (f == null || args.size() != 1) {
                throw new UnsupportedOperationException(name);
            }
            return f.apply(args.get(0));
        }

        private static IExpr number(BigDecimal literal) {
            if (literal.scale() <= 0) {
                return F.ZZ(literal.toBigIntegerExact());
            }
            return F.fraction(literal.unscaledValue(), BigInteger.TEN.pow(literal.scale()));
        }

        private IExpr symbol(String name) {
            if (name.equalsIgnoreCase("pi") || name.equals("π")) {
                return S.Pi;
            }
            // Dummy symbols: a variable called I, E, N or C must not become Symja's built-in.
            return symbols.computeIfAbsent(name, n -> F.Dummy("v" + symbols.size()));
        }
    }
}
