// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mossdesktop.moss.ToolResult;

/**
 * Every {@code Calculate(...)} result recorded in MOSS's training conversations, reproduced. The recorded
 * tool answered in three ways: {@code => '36'} (its normal, deterministic format, which we match byte for
 * byte), {@code => 0.53…} (a number without quotes, matched numerically), and {@code => No calculation
 * results.} (the service failing: the same expression is recorded elsewhere with a value).
 */
class CalculatorSamplesTest {

    private static final Pattern LINE = Pattern.compile("^Calculate\\(\"(.*)\"\\) => (.*)$", Pattern.MULTILINE);
    private static final String SERVICE_FAILED = "No calculation results.";

    private final Calculator calculator = new Calculator();

    @Test
    void every_recorded_calculation_is_reproduced() {
        List<String[]> recorded = new ArrayList<>();
        Map<String, String> quoted = new HashMap<>();
        for (SftSamples.ToolResponse response : SftSamples.toolResponses()) {
            Matcher m = LINE.matcher(response.text());
            while (m.find()) {
                recorded.add(new String[] {m.group(1), m.group(2), response.file()});
                if (m.group(2).startsWith("'")) {
                    quoted.put(m.group(1), m.group(2));
                }
            }
        }
        int byteEqual = 0, numeric = 0, serviceFailures = 0, crossChecked = 0;
        List<String> mismatches = new ArrayList<>();
        for (String[] r : recorded) {
            String expression = r[0], answer = r[1];
            String ours = shown(calculator.run(expression));
            if (answer.startsWith("'")) {
                byteEqual++;
                if (!answer.equals(ours)) {
                    mismatches.add(r[2] + ": " + expression + " recorded " + answer + ", ours " + ours);
                }
            } else if (answer.equals(SERVICE_FAILED)) {
                serviceFailures++;
                if (quoted.containsKey(expression)) {
                    crossChecked++;
                    if (!quoted.get(expression).equals(ours)) {
                        mismatches.add(r[2] + ": " + expression + " recorded elsewhere " + quoted.get(expression)
                                + ", ours " + ours);
                    }
                }
            } else {
                numeric++;
                if (!(calculator.run(expression) instanceof ToolResult.Value(String v))
                        || Double.parseDouble(v) != Double.parseDouble(answer)) {
                    mismatches.add(r[2] + ": " + expression + " recorded " + answer + ", ours " + ours);
                }
            }
        }
        System.out.printf(
                "Calculate samples: %d recorded, %d byte-equal, %d numerically equal, %d service failures"
                        + " (%d cross-checked against another recording)%n",
                recorded.size(), byteEqual - mismatches.size(), numeric, serviceFailures, crossChecked);
        assertTrue(recorded.size() > 50, "expected the calculator samples, found " + recorded.size());
        assertEquals(List.of(), mismatches);
    }

    private static String shown(ToolResult result) {
        return switch (result) {
            case ToolResult.Value(String v) -> "'" + v + "'";
            case ToolResult.NoResult ignored -> "'No result.'";
            default -> result.toString();
        };
    }
}
