// SPDX-License-Identifier: Apache-2.0
/** Terminal commands: chat, generate, bench, prompt, tool, export. */
package org.mossdesktop.cli;
