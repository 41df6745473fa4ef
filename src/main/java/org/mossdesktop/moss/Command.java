// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Optional;

/**
 * One call MOSS wrote in its {@code <|Commands|>:} line, e.g. {@code Calculate("12*sqrt(3)")}.
 *
 * @param name the function name as written; may name no known tool
 * @param argument the quoted argument, unquoted
 */
public record Command(String name, String argument) {

    public Command {
        if (name == null || argument == null) {
            throw new IllegalArgumentException("name and argument must not be null");
        }
    }

    public Optional<Tool> tool() {
        return Tool.byApi(name);
    }

    /** How MOSS writes it, e.g. {@code Calculate("2+2")}. */
    public String text() {
        return name + "(\"" + argument + "\")";
    }
}
