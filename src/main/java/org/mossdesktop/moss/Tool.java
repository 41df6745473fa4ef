// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four tools moss-moon-003-sft-plugin was trained to call, with the names its meta instruction and
 * commands use ({@code - Calculator: enabled. API: Calculate(expression)}).
 */
public enum Tool {
    WEB_SEARCH("Web search", "Search", "query"),
    CALCULATOR("Calculator", "Calculate", "expression"),
    EQUATION_SOLVER("Equation solver", "Solve", "equation"),
    TEXT_TO_IMAGE("Text-to-image", "Text2Image", "description");

    private final String capability;
    private final String api;
    private final String parameter;

    Tool(String capability, String api, String parameter) {
        this.capability = capability;
        this.api = api;
        this.parameter = parameter;
    }

    /** The capability's name in the meta instruction, e.g. "Web search". */
    public String capability() {
        return capability;
    }

    /** The function name MOSS writes in its commands, e.g. "Search". */
    public String api() {
        return api;
    }

    /** The parameter name in the meta instruction's API line, e.g. "query". */
    public String parameter() {
        return parameter;
    }

    /** The tool MOSS means by {@code api}, if it is one of the four. */
    public static Optional<Tool> byApi(String api) {
        return Arrays.stream(values()).filter(t -> t.api.equals(api)).findFirst();
    }
}
