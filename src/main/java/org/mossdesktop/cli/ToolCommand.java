// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mossdesktop.moss.Command;
import org.mossdesktop.moss.CommandParser;
import org.mossdesktop.moss.CommandResult;
import org.mossdesktop.moss.Prompt;
import org.mossdesktop.moss.PromptRenderer;
import org.mossdesktop.moss.Results;
import org.mossdesktop.moss.ResultsFormatter;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.plugins.Calculator;
import org.mossdesktop.plugins.EndpointConsent;
import org.mossdesktop.plugins.EquationSolver;
import org.mossdesktop.plugins.ImageSettings;
import org.mossdesktop.plugins.Plugin;
import org.mossdesktop.plugins.PluginRunner;
import org.mossdesktop.plugins.SearchSettings;
import org.mossdesktop.plugins.TextToImage;
import org.mossdesktop.plugins.WebSearch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code moss-desktop tool 'Calculate("2^10")'}: runs a Commands line as the plugin model's turn would and
 * prints the Results block exactly as MOSS reads it, to debug prompts and tools.
 */
@picocli.CommandLine.Command(
        name = "tool",
        mixinStandardHelpOptions = true,
        description = {
            "Runs MOSS commands (what follows <|Commands|>:) on the tools and prints the Results block exactly as"
                    + " the model reads it, in UTF-8, from <|Results|>: to <eor> and its newline. Calculator and"
                    + " equation solver always run; web search and text-to-image run when their service is given"
                    + " (addresses given here are used without asking). Why a tool failed goes to standard error.",
            "Example: moss-desktop tool 'Calculate(\"2^10\"), Solve(\"x+y=500;5x+8y=4000\")'"
        })
public final class ToolCommand implements Callable<Integer> {

    static final String BRAVE_KEY_VARIABLE = "MOSS_BRAVE_API_KEY";

    @Parameters(
            paramLabel = "COMMANDS",
            description = "The commands as MOSS writes them, e.g. Search(\"天气\"), Calculate(\"12*sqrt(3)\").")
    private String commands;

    @ArgGroup(exclusive = true)
    private Search search;

    static final class Search {
        @Option(names = "--searxng", paramLabel = "URL", description = "Search with the SearXNG instance at URL.")
        URI searxng;

        @Option(
                names = "--brave",
                description = "Search with the Brave Search API; the key is read from $" + BRAVE_KEY_VARIABLE + ".")
        boolean brave;
    }

    @ArgGroup(exclusive = true)
    private Images images;

    static final class Images {
        @Option(
                names = "--a1111",
                paramLabel = "URL",
                description = "Draw with AUTOMATIC1111/Forge at URL (started with --api).")
        URI automatic1111;

        @Option(names = "--comfyui", paramLabel = "URL", description = "Draw with ComfyUI at URL.")
        URI comfyUi;
    }

    @Option(
            names = "--checkpoint",
            paramLabel = "NAME",
            description = "ComfyUI: the checkpoint the built-in workflow loads.")
    private String checkpoint = "";

    @Option(names = "--image-out", paramLabel = "FILE", description = "Write a generated image to FILE.")
    private Path imageOut;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Per-tool timeout for search and text-to-image (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds = 30;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Command> parsed = new CommandParser().parse(commands);
        if (parsed.isEmpty()) {
            System.err.println(
                    "MOSS's backend would run nothing for this line: it is not a list of Name(\"argument\").");
        }
        List<Plugin> tools = new ArrayList<>();
        tools.add(new Calculator());
        try (EquationSolver solver = new EquationSolver()) {
            tools.add(solver);
            Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
            EndpointConsent named = EndpointConsent.granted();
            if (search != null) {
                SearchSettings settings = search.searxng != null
                        ? SearchSettings.searxng(search.searxng)
                        : SearchSettings.brave(System.getenv().getOrDefault(BRAVE_KEY_VARIABLE, ""));
                tools.add(new WebSearch(settings.withTimeout(timeout), named));
            }
            if (images != null) {
                ImageSettings settings = images.automatic1111 != null
                        ? ImageSettings.automatic1111(images.automatic1111)
                        : ImageSettings.comfyUi(images.comfyUi, checkpoint);
                tools.add(new TextToImage(settings.withTimeout(timeout), named));
            }
            List<CommandResult> ran;
            try (PluginRunner runner = new PluginRunner(tools)) {
                ran = runner.run(parsed);
            }
            Results results = new ResultsFormatter().format(ran);
            PrintStream out = System.out;
            out.writeBytes(resultsBlock(results).getBytes(StandardCharsets.UTF_8));
            out.flush();
            report(parsed, ran, results);
        }
        return 0;
    }

    /** The block as the renderer writes it into the second pass, from {@code <|Results|>:} to {@code <eor>\n}. */
    static String resultsBlock(Results results) {
        String secondPass = new PromptRenderer()
                .secondPass(Prompt.empty(), "", results.text())
                .text();
        int start = secondPass.indexOf("<|Results|>:");
        int end = secondPass.lastIndexOf("<|MOSS|>:");
        return secondPass.substring(start, end);
    }

    private void report(List<Command> parsed, List<CommandResult> ran, Results results) throws IOException {
        for (Command command : parsed) {
            if (ran.stream().noneMatch(r -> r.command().equals(command))) {
                System.err.println(command.text() + ": not run (unknown or disabled tool)");
            }
        }
        for (CommandResult r : ran) {
            if (r.result() instanceof ToolResult.Failed(String reason)) {
                System.err.println(r.command().text() + ": " + reason);
            } else if (r.result() instanceof ToolResult.Image image && imageOut != null) {
                Files.write(imageOut, image.data());
                System.err.println(r.command().text() + ": image written to " + imageOut);
            }
        }
        for (Map.Entry<Integer, ToolResult.Snippet> hit :
                results.citations().sources().entrySet()) {
            System.err.println("<|" + hit.getKey() + "|> " + hit.getValue().title() + " — "
                    + hit.getValue().url());
        }
    }
}
