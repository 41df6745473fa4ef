// SPDX-License-Identifier: Apache-2.0
/** MOSS's tools: web search, calculator, equation solver, text-to-image. No JavaFX. */
package org.mossdesktop.plugins;
