// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.time.Duration;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.plugins.math.PythonCalculator;

/**
 * {@code Calculate("12*sqrt(3)")} → {@code 20.784609690826528}: Python's arithmetic and {@code math} module
 * (with {@code ^} as power and {@code ln}), evaluated by EvalEx; {@code No result.} where Python would fail.
 */
public final class Calculator implements Plugin {

    private final PythonCalculator python = new PythonCalculator();

    @Override
    public Tool tool() {
        return Tool.CALCULATOR;
    }

    @Override
    public ToolResult run(String argument) {
        return python.evaluate(argument)
                .<ToolResult>map(number -> new ToolResult.Value(number.repr()))
                .orElseGet(ToolResult.NoResult::new);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(5);
    }
}
