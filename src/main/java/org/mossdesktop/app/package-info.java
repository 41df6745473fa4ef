// SPDX-License-Identifier: Apache-2.0
/** Entry point (CLI dispatch and GUI launch), the JavaFX application, and the wiring of services. */
package org.mossdesktop.app;
