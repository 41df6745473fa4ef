// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mossdesktop.moss.ToolResult;

/**
 * Every {@code Solve(...)} result recorded in MOSS's training conversations, reproduced: the same text, or
 * the same numbers. Where the original answered {@code No result.} for a system that has a solution, ours
 * must give one that satisfies every equation (checked by substituting it back).
 */
class EquationSolverSamplesTest {

    private static final Pattern BLOCK = Pattern.compile("Solve\\(\"(.*)\"\\) =>\\n((?:.+\\n)+?)<eor>");
    private static final EquationSolver SOLVER = new EquationSolver();

    @AfterAll
    static void close() {
        SOLVER.close();
    }

    @Test
    void every_recorded_solution_is_reproduced() throws InterruptedException {
        int recorded = 0, textEqual = 0, solvedWhereOriginalFailed = 0;
        List<String> mismatches = new ArrayList<>();
        for (SftSamples.ToolResponse response : SftSamples.toolResponses()) {
            Matcher m = BLOCK.matcher(response.text());
            while (m.find()) {
                recorded++;
                List<String> expected = List.of(m.group(2).strip().split("\n"));
                List<String> ours = lines(SOLVER.run(m.group(1)));
                if (expected.equals(ours)) {
                    textEqual++;
                } else if (expected.equals(List.of("No result.")) && satisfies(m.group(1), ours)) {
                    solvedWhereOriginalFailed++;
                } else if (!numericallyEqual(expected, ours)) {
                    mismatches.add(response.file() + ": " + m.group(1) + " recorded " + expected + ", ours " + ours);
                }
            }
        }
        System.out.printf(
                "Solve samples: %d recorded, %d text-equal, %d numerically equal, %d solved (and checked) where"
                        + " the original answered No result.%n",
                recorded,
                textEqual,
                recorded - textEqual - solvedWhereOriginalFailed - mismatches.size(),
                solvedWhereOriginalFailed);
        assertTrue(recorded > 20, "expected the solver samples, found " + recorded);
        assertEquals(List.of(), mismatches);
    }

    private static List<String> lines(ToolResult result) {
        return switch (result) {
            case ToolResult.Solutions(List<String> lines) -> lines;
            case ToolResult.NoResult ignored -> List.of("No result.");
            default -> List.of(result.toString());
        };
    }

    /** Substitutes our solution into each equation with the calculator: lhs - rhs must vanish. */
    private static boolean satisfies(String equations, List<String> solution) {
        if (solution.equals(List.of("No result.")) || solution.stream().anyMatch(l -> l.contains("_"))) {
            return false;
        }
        String assignments = String.join(";", solution) + ";";
        Calculator calculator = new Calculator();
        for (String equation : equations.split(";")) {
            String[] sides = equation.split("=");
            if (sides.length != 2) {
                continue;
            }
            ToolResult residual = calculator.run(assignments + "(" + sides[0] + ")-(" + sides[1] + ")");
            if (!(residual instanceof ToolResult.Value(String v)) || Math.abs(Double.parseDouble(v)) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static boolean numericallyEqual(List<String> expected, List<String> ours) {
        if (expected.size() != ours.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(" = ");
            String[] o = ours.get(i).split(" = ");
            if (e.length != 2 || o.length != 2 || !e[0].equals(o[0])) {
                return false;
            }
            double a = value(e[1]), b = value(o[1]);
            if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) {
                return false;
            }
        }
        return true;
    }

    private static double value(String text) {
        String[] fraction = text.split("/");
        return fraction.length == 2
                ? Double.parseDouble(fraction[0]) / Double.parseDouble(fraction[1])
                : Double.parseDouble(text);
    }
}
