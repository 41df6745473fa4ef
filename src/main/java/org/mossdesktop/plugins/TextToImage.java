// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.time.Duration;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;

/**
 * {@code Text2Image("…")}: an image from the configured generator (AUTOMATIC1111/Forge or ComfyUI). Asks the
 * user before the first call to a new endpoint; checks the bytes are an image before handing them on.
 */
public final class TextToImage implements Plugin {

    private static final int MAX_PROMPT_CHARS = 2000;

    private final ImageSettings settings;
    private final EndpointConsent consent;

    public TextToImage(ImageSettings settings, EndpointConsent consent) {
        this.settings = settings;
        this.consent = consent;
    }

    @Override
    public Tool tool() {
        return Tool.TEXT_TO_IMAGE;
    }

    @Override
    public Duration timeout() {
        return settings.timeout().plus(Duration.ofMinutes(2)); // room for the consent question
    }

    @Override
    public ToolResult run(String description) throws InterruptedException {
        String prompt = WebText.plain(description, MAX_PROMPT_CHARS);
        if (prompt.isEmpty()) {
            return new ToolResult.NoResult();
        }
        try {
            if (!consent.allows(Tool.TEXT_TO_IMAGE, settings.endpoint())) {
                throw new ToolFailure("plugins.consent.refused", EndpointConsent.endpoint(settings.endpoint()));
            }
            byte[] image = ImageProvider.of(settings).generate(prompt);
            String mimeType = mimeType(image);
            if (mimeType == null) {
                throw new ToolFailure("plugins.image.noImage");
            }
            return new ToolResult.Image(image, mimeType);
        } catch (ToolFailure failure) {
            return failure.toResult();
        }
    }

    /** The image format by its magic bytes, or null for anything else. */
    static String mimeType(byte[] data) {
        if (startsWith(data, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(data, 'R', 'I', 'F', 'F')
                && data.length > 12
                && data[8] == 'W'
                && data[9] == 'E'
                && data[10] == 'B'
                && data[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    private static boolean startsWith(byte[] data, int... magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
