// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/** Told as each stage of a model has loaded, on the loading thread. */
@FunctionalInterface
public interface LoadProgress {

    LoadProgress NONE = (stage, stages, weightBytes) -> {};

    /**
     * @param stage the stage just loaded, from 0; stages load in order, and a load that starts over (e.g.
     *     without IoBinding) reports its stages again from 0
     * @param stages how many the model has
     * @param weightBytes what the stage's weights cost (the manifest's figure), to weigh a progress bar
     */
    void stageLoaded(int stage, int stages, long weightBytes);
}
