// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.net.URI;
import java.time.Duration;

/**
 * Which image generator MOSS's {@code Text2Image("…")} uses and how.
 *
 * @param provider the generator's kind
 * @param endpoint its base URL, e.g. {@code http://127.0.0.1:7860} (AUTOMATIC1111/Forge) or
 *     {@code http://127.0.0.1:8188} (ComfyUI)
 * @param steps sampling steps
 * @param width image width in pixels
 * @param height image height in pixels
 * @param negativePrompt what the image should not show
 * @param checkpoint ComfyUI: the checkpoint file the built-in workflow loads (e.g. {@code
 *     v1-5-pruned-emaonly.safetensors}); unused with a workflow of the user's own
 * @param workflow ComfyUI: a workflow in API format (ComfyUI's "Export (API)"), or empty for the built-in
 *     one; {@code "{{prompt}}"}, {@code "{{negative_prompt}}"} and {@code "{{checkpoint}}"} in it are
 *     replaced, and steps, size and a fresh seed are set on its KSampler and EmptyLatentImage nodes
 * @param timeout how long one image may take
 */
public record ImageSettings(
        Provider provider,
        URI endpoint,
        int steps,
        int width,
        int height,
        String negativePrompt,
        String checkpoint,
        String workflow,
        Duration timeout) {

    public enum Provider {
        /** AUTOMATIC1111's stable-diffusion-webui or Forge, started with {@code --api}. */
        AUTOMATIC1111,
        COMFYUI
    }

    public ImageSettings {
        if (provider == null || endpoint == null || timeout == null) {
            throw new IllegalArgumentException("provider, endpoint and timeout are required");
        }
        steps = Math.max(1, Math.min(steps, 150));
        width = Math.max(64, Math.min(width, 4096));
        height = Math.max(64, Math.min(height, 4096));
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        checkpoint = checkpoint == null ? "" : checkpoint;
        workflow = workflow == null ? "" : workflow;
    }

    public static ImageSettings automatic1111(URI endpoint) {
        return new ImageSettings(Provider.AUTOMATIC1111, endpoint, 20, 512, 512, "", "", "", Duration.ofMinutes(3));
    }

    public static ImageSettings comfyUi(URI endpoint, String checkpoint) {
        return new ImageSettings(Provider.COMFYUI, endpoint, 20, 512, 512, "", checkpoint, "", Duration.ofMinutes(3));
    }

    public ImageSettings withTimeout(Duration other) {
        return new ImageSettings(provider, endpoint, steps, width, height, negativePrompt, checkpoint, workflow, other);
    }

    public ImageSettings withWorkflow(String other) {
        return new ImageSettings(provider, endpoint, steps, width, height, negativePrompt, checkpoint, other, timeout);
    }
}
