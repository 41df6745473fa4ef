// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mossdesktop.chat.PromptEncoder;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationRequest;
import org.mossdesktop.engine.GenerationResult;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.ContextTrimmer;
import org.mossdesktop.moss.MetaInstruction;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptRenderer;
import org.mossdesktop.moss.Turn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code moss-desktop chat}: a terminal conversation with MOSS that keeps its history, like MOSS's own
 * moss_cli_demo.py, but streaming, and with the training layout. Old turns are dropped from the prompt when the
 * window is full; the KV cache is kept between turns, so only the new turn is computed.
 */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description =
                "Chat with MOSS in the terminal. Commands: /clear starts over, /quit (or an empty line at EOF) ends.")
final class ChatCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Mixin
    private SamplingOptions sampling;

    @Option(names = "--stats", description = "print tokens, time to first token and speed after each reply")
    private boolean stats;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadedModel loaded = model.load()) {
            PromptEncoder encoder = new PromptEncoder(loaded.tokenizer());
            PromptRenderer renderer = new PromptRenderer();
            MetaInstruction meta = MetaInstruction.sft();
            GenerationSettings settings = sampling.apply(loaded.manifest().generationDefaults());
            int window = loaded.generator().contextLength();
            ContextTrimmer trimmer =
                    new ContextTrimmer(encoder::count, window, Math.min(settings.maxNewTokens(), window - 1));
            List<Turn> history = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            loaded.memory().forEach(m -> err.println(m.describe()));
            out.println("MOSS (" + loaded.manifest().name() + "). /clear starts over, /quit ends.");
            while (true) {
                out.print("\n<|Human|>: ");
                out.flush();
                String message = in.readLine();
                if (message == null || message.strip().equals("/quit")) {
                    return 0;
                }
                if (message.strip().equals("/clear")) {
                    history.clear();
                    continue;
                }
                if (message.isBlank()) {
                    continue;
                }
                ContextTrimmer.Fitted fitted;
                try {
                    fitted = trimmer.fit(history, h -> renderer.prompt(meta, h, message));
                } catch (UserFacingException e) {
                    err.println(e.getLocalizedMessage());
                    continue;
                }
                history.subList(0, fitted.droppedTurns()).clear();
                out.print("<|MOSS|>:");
                out.flush();
                Prompt prompt = fitted.prompt();
                GenerationResult result = loaded.generator()
                        .generate(new GenerationRequest(encoder.encode(prompt), settings), (id, text) -> {
                            out.print(text);
                            out.flush();
                        });
                out.println();
                if (stats || result.finishReason() != FinishReason.EOM) {
                    err.println(GenerateCommand.describe(result));
                }
                if (result.error().isPresent()) {
                    err.println(result.error().get().getMessage());
                    continue;
                }
                // The reply begins with the space after "<|MOSS|>:", which the layout writes itself.
                String reply = result.text().startsWith(" ") ? result.text().substring(1) : result.text();
                history.add(Turn.of(message, reply));
            }
        } catch (UserFacingException e) {
            return ModelOptions.report(e, err);
        }
    }
}
