// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.Optional;

/**
 * One exchange: what the human wrote and what MOSS did and said. Texts are as written, without role tags or
 * end tokens; an empty optional is MOSS's {@code None}.
 *
 * @param human the human's message
 * @param innerThoughts what MOSS thought before acting (plugin model), e.g. "需要搜索…"
 * @param commands MOSS's commands line as written, e.g. {@code Search("日本 出口"), Calculate("2+2")}
 * @param results the results text as {@link ResultsFormatter} writes it, e.g. {@code Calculate("2+2") => '4'};
 *     written on the {@code <|Results|>:} line itself when it is one line that echoes no command ({@code Image
 *     generated successfully.}), else on the lines below it, as trained
 * @param reply MOSS's reply
 */
public record Turn(
        String human,
        Optional<String> innerThoughts,
        Optional<String> commands,
        Optional<String> results,
        String reply) {

    public Turn {
        if (human == null || innerThoughts == null || commands == null || results == null || reply == null) {
            throw new IllegalArgumentException("texts must not be null (use Optional.empty() for None)");
        }
    }

    /** A turn in which MOSS only replied. */
    public static Turn of(String human, String reply) {
        return new Turn(human, Optional.empty(), Optional.empty(), Optional.empty(), reply);
    }
}
