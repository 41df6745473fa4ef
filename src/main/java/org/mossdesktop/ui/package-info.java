// SPDX-License-Identifier: Apache-2.0
/**
 * The desktop UI: one sub-package per screen, each an {@code XView} and an {@code XViewModel} exposing
 * JavaFX properties. Never touches ONNX Runtime.
 */
package org.mossdesktop.ui;
