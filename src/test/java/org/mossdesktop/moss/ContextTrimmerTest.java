// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.UserFacingException;

/** The tokenizer lives in the engine; here one character counts as one token, which trimming cannot tell apart. */
class ContextTrimmerTest {

    private static final ToIntFunction<Prompt> CHARS = p -> p.text().length();
    private static final MetaInstruction META = MetaInstruction.sft();
    private static final PromptRenderer RENDERER = new PromptRenderer();

    private static List<Turn> history(int turns) {
        List<Turn> history = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            history.add(Turn.of("question " + i + " " + "x".repeat(50), "answer " + i + " " + "y".repeat(50)));
        }
        return history;
    }

    private static Function<List<Turn>, Prompt> asking(String message) {
        return h -> RENDERER.prompt(META, h, message);
    }

    @Test
    void a_prompt_that_fits_keeps_all_its_history() {
        List<Turn> history = history(3);
        int length = RENDERER.prompt(META, history, "hi").text().length();

        ContextTrimmer.Fitted fitted = new ContextTrimmer(CHARS, length + 100, 100).fit(history, asking("hi"));

        assertEquals(0, fitted.droppedTurns());
        assertEquals(RENDERER.prompt(META, history, "hi"), fitted.prompt());
        assertEquals(length, fitted.tokens());
    }

    @Test
    void the_oldest_whole_turns_are_dropped_until_prompt_and_reply_fit() {
        List<Turn> history = history(20);
        int window = RENDERER.prompt(META, history.subList(13, 20), "hi").text().length() + 256;

        ContextTrimmer.Fitted fitted = new ContextTrimmer(CHARS, window, 256).fit(history, asking("hi"));

        assertEquals(13, fitted.droppedTurns());
        assertEquals(RENDERER.prompt(META, history.subList(13, 20), "hi"), fitted.prompt());
        assertTrue(fitted.prompt().text().startsWith(META.text() + "<|Human|>: question 13 "));
    }

    @Test
    void one_token_too_many_drops_one_more_turn() {
        List<Turn> history = history(20);
        int window = RENDERER.prompt(META, history.subList(13, 20), "hi").text().length() + 256 - 1;

        assertEquals(
                14,
                new ContextTrimmer(CHARS, window, 256)
                        .fit(history, asking("hi"))
                        .droppedTurns());
    }

    @Test
    void a_message_that_fits_only_alone_drops_all_history() {
        String message = "m".repeat(1000);
        int alone = RENDERER.prompt(META, List.of(), message).text().length();

        ContextTrimmer.Fitted fitted = new ContextTrimmer(CHARS, alone + 10, 10).fit(history(5), asking(message));

        assertEquals(5, fitted.droppedTurns());
        assertEquals(RENDERER.prompt(META, List.of(), message), fitted.prompt());
    }

    @Test
    void a_message_too_long_even_alone_is_an_error_the_user_can_act_on() {
        String message = "m".repeat(3000);
        int alone = RENDERER.prompt(META, List.of(), message).text().length();

        UserFacingException e = assertThrows(
                UserFacingException.class,
                () -> new ContextTrimmer(CHARS, ContextTrimmer.WINDOW, 512).fit(history(2), asking(message)));

        assertEquals("moss.context.tooLong", e.key());
        String english = e.localizedMessage(Locale.ENGLISH);
        assertTrue(english.contains(alone + " tokens") && english.contains("only 1536 fit"), english);
        assertTrue(e.localizedMessage(Locale.SIMPLIFIED_CHINESE).contains("1536"));
    }

    @Test
    void a_reply_budget_outside_the_window_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new ContextTrimmer(CHARS, 2048, 2048));
        assertThrows(IllegalArgumentException.class, () -> new ContextTrimmer(CHARS, 2048, 0));
    }
}
