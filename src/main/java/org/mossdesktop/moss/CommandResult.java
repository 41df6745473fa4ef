// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

/** A command MOSS wrote and what its tool gave back. */
public record CommandResult(Command command, ToolResult result) {

    public CommandResult {
        if (command == null || result == null) {
            throw new IllegalArgumentException("command and result must not be null");
        }
    }
}
