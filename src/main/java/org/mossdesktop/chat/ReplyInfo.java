// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.chat;

import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationSettings;

/** How a MOSS reply came to be: the model, the settings, why it stopped, and how fast it was. */
public record ReplyInfo(
        String modelName,
        GenerationSettings settings,
        FinishReason finishReason,
        int promptTokens,
        int generatedTokens,
        long timeToFirstTokenMillis,
        long decodeMillis) {}
