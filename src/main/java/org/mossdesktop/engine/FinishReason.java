// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/** Why a generation stopped. */
public enum FinishReason {
    /** The model ended its reply with {@code <eom>}. */
    EOM,
    /** The model emitted another stop token, e.g. {@code <eoc>} at the end of a plugin model's commands. */
    STOP_TOKEN,
    /** The reply reached the maximum number of new tokens. */
    MAX_TOKENS,
    /** Prompt and reply filled the model's context window. */
    CONTEXT_FULL,
    /** The user stopped it. */
    CANCELLED,
    /** The engine failed; the result carries the error. */
    ERROR
}
