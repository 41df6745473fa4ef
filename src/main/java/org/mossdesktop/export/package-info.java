// SPDX-License-Identifier: Apache-2.0
/** Markdown and JSON export, JSON import. */
package org.mossdesktop.export;
