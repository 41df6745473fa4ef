// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.io.PrintStream;
import java.util.Optional;
import javafx.application.Application;
import org.mossdesktop.cli.MossCommand;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.FinishReason;
import org.mossdesktop.engine.GenerationRequest;
import org.mossdesktop.engine.GenerationResult;
import org.mossdesktop.engine.GenerationSettings;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.ModelDirectory;
import org.mossdesktop.engine.PipelineOptions;
import org.mossdesktop.engine.TokenListener;
import org.mossdesktop.store.AppDirectories;
import picocli.CommandLine;

/**
 * Starts the desktop window when called without arguments, else runs a terminal command; {@code --smoke} is
 * the packaging check.
 */
public final class Main {

    static final String SMOKE = "--smoke";

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(MossDesktopApp.class);
            return;
        }
        if (args.length == 1 && args[0].equals(SMOKE)) {
            System.exit(smoke(System.out, System.err));
        }
        System.exit(run(args));
    }

    /** Runs a terminal command and returns its exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String... args) {
        CommandLine line = MossCommand.commandLine(AppInfo.NAME + " " + AppInfo.version());
        // Commands that need JavaFX live here: the cli package may not import it.
        line.addSubcommand("bench-ui", new UiBenchCommand());
        return line.execute(args);
    }

    /**
     * Loads the bundled demo model on the CPU and generates a few tokens, what installer/smoke-test.sh runs
     * in the packaged app: it fails when a native library, a runtime module or the model is missing from the
     * package. Returns 0 when tokens came, else 1 with the reason on {@code err}.
     */
    static int smoke(PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        try (LoadedModel model = LoadedModel.loadOnCpu(
                ModelDirectory.open(DemoModel.locate()),
                PipelineOptions.DEFAULTS.withContextLength(64),
                Optional.of(AppDirectories.resolve().nativeCache()))) {
            GenerationSettings settings =
                    GenerationSettings.MOSS_DEFAULTS.withGreedy(true).withMaxNewTokens(8);
            GenerationResult result = model.generator()
                    .generate(new GenerationRequest(model.tokenizer().encode("Hello"), settings), TokenListener.NONE);
            if (result.finishReason() == FinishReason.ERROR || result.generatedTokens() == 0) {
                err.println("smoke: no tokens from " + model.directory().path() + ": "
                        + result.error()
                                .map(Throwable::toString)
                                .orElse(result.finishReason().name()));
                return 1;
            }
            out.printf(
                    "smoke: %d tokens from %s in %d ms%n",
                    result.generatedTokens(), model.directory().path(), (System.nanoTime() - start) / 1_000_000);
            return 0;
        } catch (RuntimeException e) {
            err.println("smoke: " + e);
            return 1;
        }
    }
}
