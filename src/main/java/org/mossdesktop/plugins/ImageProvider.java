// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

/** An image generator: a description in, encoded image bytes (PNG) out. */
sealed interface ImageProvider permits Automatic1111, ComfyUi {

    byte[] generate(String prompt) throws ToolFailure, InterruptedException;

    static ImageProvider of(ImageSettings settings) {
        return switch (settings.provider()) {
            case AUTOMATIC1111 -> new Automatic1111(settings);
            case COMFYUI -> new ComfyUi(settings);
        };
    }
}
