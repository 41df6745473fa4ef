// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.moss.MetaInstruction;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptPart;
import org.mossdesktop.moss.PromptRenderer;
import org.mossdesktop.moss.SftConversation;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.Turn;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code moss-desktop prompt}: prints the exact text MOSS reads, to check prompts against MOSS's training data
 * or to see what the app sends for a message.
 */
@Command(
        name = "prompt",
        mixinStandardHelpOptions = true,
        description = "Prints the exact prompt text MOSS reads, in UTF-8, byte for byte, with no newline added: a"
                + " conversation in MOSS's SFT JSON format as training saw it (--render), or the prompt the app sends"
                + " for a new message (--message; with --tools, the plugin model's first pass).")
public final class PromptCommand implements Callable<Integer> {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @ArgGroup(multiplicity = "1")
    private What what;

    static final class What {
        @Option(
                names = "--render",
                paramLabel = "FILE",
                description = "A conversation in MOSS's SFT JSON format: print meta instruction and all turns.")
        Path render;

        @Option(
                names = "--message",
                paramLabel = "TEXT",
                description = "A new message: print the prompt that asks MOSS to answer it.")
        String message;
    }

    @Option(
            names = "--history",
            paramLabel = "FILE",
            description = "With --message: the turns of this SFT JSON conversation come before it.")
    private Path history;

    @Option(
            names = "--tools",
            split = ",",
            paramLabel = "TOOL",
            description = "With --message: enabled tools (plugin model): search, calculator, solver, text2image."
                    + " None: the plain-chat prompt.")
    private List<String> tools = List.of();

    @Option(
            names = "--compact-results",
            description = "With --message: write earlier turns' results as None, as MOSS's backend did.")
    private boolean compactResults;

    @Option(names = "--parts", description = "Print one part per line: text as a JSON string, control tokens bare.")
    private boolean parts;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to this file instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        Prompt prompt;
        try {
            prompt = what.render != null ? SftConversation.read(what.render).prompt() : newMessagePrompt();
        } catch (UserFacingException e) {
            System.err.println(e.getLocalizedMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        byte[] bytes = (parts ? describe(prompt) : prompt.text()).getBytes(StandardCharsets.UTF_8);
        if (output != null) {
            Files.write(output, bytes);
        } else {
            // Raw bytes: a PrintStream's charset (the console's) could mangle Chinese.
            PrintStream out = System.out;
            out.writeBytes(bytes);
            out.flush();
        }
        return 0;
    }

    private Prompt newMessagePrompt() {
        MetaInstruction meta = MetaInstruction.of(tools(tools));
        List<Turn> turns =
                history == null ? List.of() : SftConversation.read(history).turns();
        return new PromptRenderer(compactResults).prompt(meta, turns, what.message);
    }

    static Set<Tool> tools(List<String> names) {
        Set<Tool> set = EnumSet.noneOf(Tool.class);
        for (String name : names) {
            set.add(
                    switch (name.strip().toLowerCase(Locale.ROOT)) {
                        case "search", "web_search", "websearch" -> Tool.WEB_SEARCH;
                        case "calculator", "calculate" -> Tool.CALCULATOR;
                        case "solver", "solve", "equation_solver" -> Tool.EQUATION_SOLVER;
                        case "text2image", "text-to-image", "text_to_image", "image" -> Tool.TEXT_TO_IMAGE;
                        default ->
                            throw new IllegalArgumentException(
                                    "Unknown tool '" + name + "': use search, calculator, solver, text2image.");
                    });
        }
        return set;
    }

    private static String describe(Prompt prompt) {
        StringBuilder sb = new StringBuilder();
        for (PromptPart part : prompt.parts()) {
            switch (part) {
                case PromptPart.Text(String text) -> sb.append(GSON.toJson(text));
                case PromptPart.Control(var token) -> sb.append(token.text());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
