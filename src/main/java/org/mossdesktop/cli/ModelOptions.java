// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.mossdesktop.engine.DemoModel;
import org.mossdesktop.engine.DeviceInventory;
import org.mossdesktop.engine.LoadedModel;
import org.mossdesktop.engine.ModelDirectory;
import org.mossdesktop.engine.PipelineOptions;
import org.mossdesktop.engine.PlacementPlan;
import org.mossdesktop.i18n.UserFacingException;
import org.mossdesktop.store.AppDirectories;
import picocli.CommandLine.Option;

/** The options every command that runs a model shares: which model, on which devices, with how many threads. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the bundled demo model)")
    Path model;

    @Option(
            names = "--device",
            paramLabel = "DEVICES",
            defaultValue = "cpu",
            description = "where the stages run: one device for all (cpu, cuda:0) or one per stage (cpu,cuda:0);"
                    + " default: ${DEFAULT-VALUE}")
    String devices;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description = "CPU threads per stage (default: one per core)")
    int threads;

    @Option(
            names = "--context",
            paramLabel = "TOKENS",
            defaultValue = "0",
            description = "KV cache length in tokens (default: the model's whole window)")
    int context;

    @Option(
            names = "--spin",
            description = "let idle ONNX Runtime threads spin (its default; off here: see docs/PERFORMANCE.md)")
    boolean spinning;

    /** The model directory: --model, else the bundled demo model. */
    ModelDirectory directory() {
        return ModelDirectory.open(model != null ? model : DemoModel.locate());
    }

    /** Opens and loads the model as the options say. */
    LoadedModel load() {
        ModelDirectory directory = directory();
        // nvidia-smi only when a GPU is asked for: starting it costs a second on machines with a driver.
        DeviceInventory inventory = devices.contains("cuda") ? DeviceInventory.detect() : DeviceInventory.cpuOnly();
        PlacementPlan plan = PlacementPlan.parse(
                devices, inventory, directory.manifest().stages().size());
        LoadedModel loaded = LoadedModel.load(
                directory,
                plan,
                inventory,
                new PipelineOptions(context, threads, spinning),
                Optional.of(AppDirectories.resolve().nativeCache()));
        loaded.warning().ifPresent(warning -> System.err.println("warning: " + warning));
        return loaded;
    }

    /** Prints an error a user can act on, in their language; the exit code of a failed command. */
    static int report(UserFacingException e, PrintWriter err) {
        err.println(e.getLocalizedMessage());
        err.flush();
        return 1;
    }
}
