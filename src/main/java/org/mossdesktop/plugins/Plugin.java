// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.time.Duration;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;

/**
 * One of MOSS's tools, ready to run. {@link #run} never throws for what MOSS wrote: an argument it cannot
 * use gives {@link ToolResult.NoResult}, a failure of the tool itself (network, configuration) gives
 * {@link ToolResult.Failed} with a reason for the user. A call past {@link #timeout()} is interrupted by
 * {@link PluginRunner}; a plugin whose work ignores interrupts cancels it itself on {@link InterruptedException}.
 */
public interface Plugin {

    Tool tool();

    ToolResult run(String argument) throws InterruptedException;

    /** How long {@link PluginRunner} waits for one call. */
    Duration timeout();
}
