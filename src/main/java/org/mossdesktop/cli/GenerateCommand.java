// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import com.google.gson.Gson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mossdesktop.chat.PromptEncoder;
import org.mossdesktop.engine.GenerationRequest;
import org.mossdesktop.engine.GenerationResult;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.TokenListener;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.ContextTrimmer;
import org.mossdesktop.moss.MetaInstruction;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code moss-desktop generate}: MOSS's reply to one message, streamed to stdout as it is generated. The message
 * is rendered as MOSS was trained (meta instruction, one turn, {@code <|MOSS|>:}); {@code --raw} sends the text
 * as it is instead, its control-token names as control tokens.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Stream MOSS's reply to one message.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Mixin
    private SamplingOptions sampling;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the message to MOSS")
    private String text;

    @Option(names = "--raw", description = "send TEXT as the whole prompt, not as a message in MOSS's format")
    private boolean raw;

    @Option(names = "--json", description = "one JSON line per token (id, text, ms since start), then a summary")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedModel loaded = model.load()) {
            GenerationSettings settings = sampling.apply(loaded.manifest().generationDefaults());
            PromptEncoder encoder = new PromptEncoder(loaded.tokenizer());
            int window = loaded.generator().contextLength();
            // A message too long for the window is refused with a message; a raw prompt is the caller's business.
            Prompt prompt = raw
                    ? Prompt.ofModelOutput(text)
                    : new ContextTrimmer(encoder::count, window, Math.min(settings.maxNewTokens(), window - 1))
                            .fit(List.of(), h -> new PromptRenderer().prompt(MetaInstruction.sft(), h, text))
                            .prompt();
            int[] ids = encoder.encode(prompt);
            Gson gson = new Gson();
            long start = System.nanoTime();
            TokenListener listener = json
                    ? (id, piece) -> {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("id", id);
                        line.put("text", piece);
                        line.put("ms", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
                        out.println(gson.toJson(line));
                        out.flush();
                    }
                    : (id, piece) -> {
                        out.print(piece);
                        out.flush();
                    };
            GenerationResult result = loaded.generator().generate(new GenerationRequest(ids, settings), listener);
            if (json) {
                out.println(gson.toJson(summary(result)));
            } else {
                out.println();
                err.println(describe(result));
            }
            out.flush();
            if (result.error().isPresent()) {
                err.println(result.error().get().getMessage());
                return 1;
            }
            return 0;
        } catch (UserFacingException e) {
            return ModelOptions.report(e, err);
        }
    }

    static Map<String, Object> summary(GenerationResult r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("finish", r.finishReason().name());
        s.put("prompt_tokens", r.promptTokens());
        s.put("generated_tokens", r.generatedTokens());
        s.put("reused_prompt_tokens", r.reusedPromptTokens());
        s.put("ttft_ms", r.timeToFirstToken().toNanos() / 1e6);
        s.put("decode_ms", r.decodeTime().toNanos() / 1e6);
        s.put("tokens_per_second", r.tokensPerSecond());
        s.put("text", r.text());
        return s;
    }

    /** "[EOM · 42 tokens · first token 120 ms · 35.1 tokens/s]", for the terminal. */
    static String describe(GenerationResult r) {
        return String.format(
                Locale.ROOT,
                "[%s · %d prompt tokens (%d reused) · %d tokens · first token %.0f ms · %.1f tokens/s]",
                r.finishReason(),
                r.promptTokens(),
                r.reusedPromptTokens(),
                r.generatedTokens(),
                r.timeToFirstToken().toNanos() / 1e6,
                r.tokensPerSecond());
    }
}
