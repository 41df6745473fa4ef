// SPDX-License-Identifier: Apache-2.0
/**
 * The MOSS protocol: meta instruction, prompt rendering, command parsing, results formatting, context
 * trimming. Depends on nothing above it.
 */
package org.mossdesktop.moss;
