// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mossdesktop.chat.ConversationService;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.plugins.ApiKeys;
import org.mossdesktop.plugins.Calculator;
import org.mossdesktop.plugins.EndpointConsent;
import org.mossdesktop.plugins.EquationSolver;
import org.mossdesktop.plugins.ImageSettings;
import org.mossdesktop.plugins.Plugin;
import org.mossdesktop.plugins.PluginRunner;
import org.mossdesktop.plugins.SearchSettings;
import org.mossdesktop.plugins.TextToImage;
import org.mossdesktop.plugins.WebSearch;
import org.mossdesktop.store.Setting;
import org.mossdesktop.store.Settings;
import org.mossdesktop.ui.FxThread;
import org.mossdesktop.ui.settings.SettingsViewModel;

/**
 * The tools the plugin model may call, built from the Plugins settings (and the API keys) and given to the
 * conversation service again, in the background, whenever those change. Endpoints are asked about once ({@link EndpointConsent}),
 * answers kept in the store.
 */
final class PluginTools implements AutoCloseable {

    private final SettingsViewModel settings;
    private final ConversationService service;
    private final EndpointConsent consent;
    private final ApiKeys keys;
    private PluginRunner runner;
    private EquationSolver solver;
    private boolean closed;

    PluginTools(
            SettingsViewModel settings,
            ConversationService service,
            EndpointConsent.Question question,
            Settings stored,
            ApiKeys keys) {
        this.settings = settings;
        this.service = service;
        this.keys = keys;
        this.consent = new EndpointConsent(question, new EndpointConsent.Memory() {
            @Override
            public Map<String, Boolean> load() {
                return stored.get(Setting.ENDPOINT_CONSENT);
            }

            @Override
            public void remember(String endpoint, boolean allowed) {
                Map<String, Boolean> answers = new HashMap<>(stored.get(Setting.ENDPOINT_CONSENT));
                answers.put(endpoint, allowed);
                stored.put(Setting.ENDPOINT_CONSENT, answers);
            }
        });
        for (Tool tool : Tool.values()) {
            settings.pluginEnabledProperty(tool).addListener(o -> rebuild());
        }
        settings.searchProviderProperty().addListener(o -> rebuild());
        settings.searchEndpointProperty().addListener(o -> rebuild());
        settings.imageEndpointProperty().addListener(o -> rebuild());
        settings.setOnApiKeyChanged(keyOf -> rebuild());
        rebuild();
    }

    /** What the Plugins settings say, read on the FX thread. */
    private record Choice(
            Set<Tool> enabled, boolean brave, Optional<URI> searchEndpoint, Optional<URI> imageEndpoint) {}

    /** Builds the tools anew in the background: it reads the key file and may start the solver's engine. */
    private void rebuild() {
        Set<Tool> enabled = EnumSet.noneOf(Tool.class);
        for (Tool tool : Tool.values()) {
            if (settings.pluginEnabledProperty(tool).get()) {
                enabled.add(tool);
            }
        }
        Choice choice = new Choice(
                enabled,
                "BRAVE".equals(settings.searchProviderProperty().get()),
                uri(settings.searchEndpointProperty().get()),
                uri(settings.imageEndpointProperty().get()));
        FxThread.background(() -> build(choice));
    }

    private synchronized void build(Choice choice) {
        if (closed) {
            return;
        }
        List<Plugin> tools = new ArrayList<>();
        EquationSolver oldSolver = solver;
        PluginRunner oldRunner = runner;
        solver = null;
        if (choice.enabled().contains(Tool.CALCULATOR)) {
            tools.add(new Calculator());
        }
        if (choice.enabled().contains(Tool.EQUATION_SOLVER)) {
            solver = new EquationSolver();
            solver.warmUp(); // Symja's first solve takes seconds; pay it now, off the UI thread
            tools.add(solver);
        }
        if (choice.enabled().contains(Tool.WEB_SEARCH)) {
            choice.searchEndpoint()
                    .ifPresent(endpoint -> tools.add(new WebSearch(
                            choice.brave()
                                    ? SearchSettings.brave(keys.get(SearchSettings.Provider.BRAVE.keyName())
                                            .orElse(""))
                                    : SearchSettings.searxng(endpoint),
                            consent)));
        }
        if (choice.enabled().contains(Tool.TEXT_TO_IMAGE)) {
            choice.imageEndpoint()
                    .ifPresent(endpoint -> tools.add(new TextToImage(ImageSettings.automatic1111(endpoint), consent)));
        }
        runner = new PluginRunner(tools);
        service.useTools(Optional.of(runner));
        if (oldRunner != null) {
            oldRunner.close();
        }
        if (oldSolver != null) {
            oldSolver.close();
        }
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = URI.create(text.strip());
            return uri.getScheme() != null && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (runner != null) {
            runner.close();
        }
        if (solver != null) {
            solver.close();
        }
    }
}
