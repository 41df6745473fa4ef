// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import org.mossdesktop.moss.Command;
import org.mossdesktop.moss.ToolResult;

/** One command MOSS wrote and what its tool gave back: what the Results block is made of. */
public record ToolCall(Command command, ToolResult result) {}
