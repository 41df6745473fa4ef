// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mossdesktop.moss.PromptPart.Control;
import org.mossdesktop.moss.PromptPart.Text;

/**
 * What the model reads: plain text runs and control tokens, in order. Immutable; adjacent text is kept as one
 * run (the tokenizer must see {@code "<|Human|>: 你好"} whole, as training did, not in two pieces), so
 * {@link #parts()} alternates text and control tokens and never holds empty text.
 *
 * <p>Appending copies the list of parts, a few hundred references at most: nothing next to one model step.
 * Renderers that append many times use a {@link Builder}.
 */
public final class Prompt {

    private static final Prompt EMPTY = new Prompt(new PromptPart[0]);

    private final PromptPart[] parts;
    private String text;

    private Prompt(PromptPart[] parts) {
        this.parts = parts;
    }

    public static Prompt empty() {
        return EMPTY;
    }

    public static Prompt of(PromptPart... parts) {
        Builder builder = builder();
        for (PromptPart part : parts) {
            builder.append(part);
        }
        return builder.build();
    }

    /** Plain text only: whatever it contains, none of it becomes a control token. */
    public static Prompt ofText(String text) {
        return builder().text(text).build();
    }

    /**
     * Text the model generated (or that MOSS's training files hold), in which control tokens appear as their
     * literal text, e.g. {@code " thinking<eot>\n<|Commands|>: None"}: each literal becomes a control token,
     * as MOSS's own tokenizer would read it. Never use this for text a user or a tool wrote.
     */
    public static Prompt ofModelOutput(String text) {
        Builder builder = builder();
        int start = 0;
        int i = text.indexOf('<');
        while (i >= 0) {
            ControlToken token = tokenAt(text, i);
            if (token != null) {
                builder.text(text.substring(start, i)).control(token);
                start = i + token.text().length();
                i = text.indexOf('<', start);
            } else {
                i = text.indexOf('<', i + 1);
            }
        }
        return builder.text(text.substring(start)).build();
    }

    private static ControlToken tokenAt(String text, int index) {
        for (ControlToken token : ControlToken.values()) {
            if (text.startsWith(token.text(), index)) {
                return token;
            }
        }
        return null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The parts in order: text and control tokens alternate; no text part is empty. */
    public List<PromptPart> parts() {
        return List.of(parts);
    }

    /** The exact string, control tokens written as their literal text. */
    public String text() {
        String t = text;
        if (t == null) {
            StringBuilder sb = new StringBuilder();
            for (PromptPart part : parts) {
                sb.append(part.text());
            }
            t = sb.toString();
            text = t;
        }
        return t;
    }

    public boolean isEmpty() {
        return parts.length == 0;
    }

    public Prompt plus(Prompt more) {
        return builder().append(this).append(more).build();
    }

    public Prompt plus(ControlToken token) {
        return builder().append(this).control(token).build();
    }

    /** This prompt followed by plain text. */
    public Prompt plusText(String more) {
        return builder().append(this).text(more).build();
    }

    /**
     * What follows {@code prefix} in this prompt, if this prompt starts with it (part by part; the prefix's last
     * text run may end inside one of ours). Lets the engine feed only what is new since a previous pass.
     */
    public Optional<Prompt> after(Prompt prefix) {
        int n = prefix.parts.length;
        if (n > parts.length) {
            return Optional.empty();
        }
        for (int i = 0; i < n - 1; i++) {
            if (!parts[i].equals(prefix.parts[i])) {
                return Optional.empty();
            }
        }
        if (n == 0) {
            return Optional.of(this);
        }
        PromptPart last = prefix.parts[n - 1];
        PromptPart ours = parts[n - 1];
        Builder rest = builder();
        if (last.equals(ours)) {
            // whole part matches
        } else if (last instanceof Text(String lt) && ours instanceof Text(String ot) && ot.startsWith(lt)) {
            rest.text(ot.substring(lt.length()));
        } else {
            return Optional.empty();
        }
        for (int i = n; i < parts.length; i++) {
            rest.append(parts[i]);
        }
        return Optional.of(rest.build());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prompt other && Arrays.equals(parts, other.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    /** The parts, control tokens marked, for debugging: {@code "<|Human|>: hi" <eoh> "\n"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PromptPart part : parts) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            switch (part) {
                case Text(String t) ->
                    sb.append('"').append(t.replace("\n", "\\n")).append('"');
                case Control(ControlToken token) -> sb.append(token.text());
            }
        }
        return sb.toString();
    }

    /** Builds a prompt by appending; merges adjacent text as it goes. Not thread-safe. */
    public static final class Builder {

        private final List<PromptPart> parts = new ArrayList<>();
        private final StringBuilder pendingText = new StringBuilder();

        private Builder() {}

        /** Appends plain text (never control tokens, whatever it reads). */
        public Builder text(String text) {
            pendingText.append(text);
            return this;
        }

        public Builder control(ControlToken token) {
            flushText();
            parts.add(new Control(token));
            return this;
        }

        public Builder append(PromptPart part) {
            return switch (part) {
                case Text(String t) -> text(t);
                case Control(ControlToken token) -> control(token);
            };
        }

        public Builder append(Prompt prompt) {
            for (PromptPart part : prompt.parts) {
                append(part);
            }
            return this;
        }

        public Prompt build() {
            flushText();
            return parts.isEmpty() ? EMPTY : new Prompt(parts.toArray(PromptPart[]::new));
        }

        private void flushText() {
            if (!pendingText.isEmpty()) {
                parts.add(new Text(pendingText.toString()));
                pendingText.setLength(0);
            }
        }
    }
}
