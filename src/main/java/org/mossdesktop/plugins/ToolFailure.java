// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import org.mossdesktop.i18n.Messages;
import org.mossdesktop.moss.ToolResult;

/** Why a tool could not run, as a message key: becomes {@link ToolResult.Failed} in the user's language. */
final class ToolFailure extends Exception {

    private final String key;
    private final transient Object[] args;

    ToolFailure(String key, Object... args) {
        super(Messages.get(Messages.ENGLISH, key, args));
        this.key = key;
        this.args = args.clone();
    }

    ToolResult.Failed toResult() {
        return new ToolResult.Failed(Messages.get(key, args));
    }

    String key() {
        return key;
    }
}
