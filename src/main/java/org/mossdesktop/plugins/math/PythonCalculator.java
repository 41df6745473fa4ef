// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins.math;

import com.ezylang.evalex.BaseException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ASTNode;
import com.ezylang.evalex.parser.Token.TokenType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates what MOSS writes in {@code Calculate("…")} as the Python tool it was trained with did: one
 * expression, optionally after assignments ({@code p=(3+4+5)/2;sqrt(p*(p-3))}). Empty when Python would
 * have raised: unknown names, syntax errors, division by zero, math domain errors.
 */
public final class PythonCalculator {

    private static final Pattern ASSIGNMENT =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*=(?!=)(.*)", Pattern.DOTALL);
    // Python 3 refuses 09 or 0123 (a SyntaxError); EvalEx would read them as decimals.
    private static final Pattern LEADING_ZERO = Pattern.compile("0+[1-9][0-9]*");

    private final ExpressionConfiguration configuration =
            PythonArithmetic.configuration(false, PythonArithmetic.MATH_CONSTANTS);

    public Optional<PythonNumber> evaluate(String text) {
        Map<String, PythonNumber> variables = new LinkedHashMap<>();
        String[] statements = text.split(";");
        PythonNumber last = null;
        for (String statement : statements) {
            if (statement.isBlank()) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(statement);
            Optional<PythonNumber> value;
            if (assignment.matches()) {
                value = evaluateExpression(assignment.group(2), variables);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(assignment.group(1), value.get());
                last = null; // an assignment has no value to show
            } else {
                value = evaluateExpression(statement, variables);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                last = value.get();
            }
        }
        return Optional.ofNullable(last);
    }

    private Optional<PythonNumber> evaluateExpression(String text, Map<String, PythonNumber> variables) {
        try {
            Expression expression = new Expression(text.strip(), configuration);
            for (ASTNode node : expression.getAllASTNodes()) {
                if (node.getToken().getType() == TokenType.NUMBER_LITERAL
                        && LEADING_ZERO.matcher(node.getToken().getValue()).matches()) {
                    return Optional.empty();
                }
            }
            variables.forEach((name, value) -> expression.with(name, PythonArithmetic.wrap(value)));
            EvaluationValue result = expression.evaluate();
            if (!(result.isNumberValue() || result.getValue() instanceof PythonNumber)) {
                return Optional.empty(); // a string or boolean: not a calculation
            }
            return Optional.of(PythonArithmetic.checked(PythonArithmetic.unwrap(result, null)));
        } catch (BaseException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
