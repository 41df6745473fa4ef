// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

/** Hears each token of a reply as it is generated, on the generator's thread: keep it quick. */
@FunctionalInterface
public interface TokenListener {

    /**
     * @param tokenId the token
     * @param text the text that became whole with it: often empty while a Chinese character is still split
     */
    void onToken(int tokenId, String text);

    TokenListener NONE = (tokenId, text) -> {};
}
