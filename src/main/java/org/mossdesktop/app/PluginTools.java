// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.mossdesktop.ui.settings.SettingsViewModel;

/**
 * The tools the plugin model may call, built from the Plugins settings and given to the conversation
 * service again whenever those settings change. Endpoints are asked about once ({@link EndpointConsent}),
 * answers kept in the store.
 */
final class PluginTools implements AutoCloseable {

    private final SettingsViewModel settings;
    private final ConversationService service;
    private final EndpointConsent consent;
    private final ApiKeys keys;
    private PluginRunner runner;
    private EquationSolver solver;

    PluginTools(
            SettingsViewModel settings,
            ConversationService service,
            EndpointConsent.Question question,
            Settings stored,
            Path apiKeys) {
        this.settings = settings;
        this.service = service;
        this.keys = new ApiKeys(apiKeys);
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
        rebuild();
    }

    private synchronized void rebuild() {
        List<Plugin> tools = new ArrayList<>();
        EquationSolver oldSolver = solver;
        PluginRunner oldRunner = runner;
        solver = null;
        if (enabled(Tool.CALCULATOR)) {
            tools.add(new Calculator());
        }
        if (enabled(Tool.EQUATION_SOLVER)) {
            solver = new EquationSolver();
            tools.add(solver);
        }
        if (enabled(Tool.WEB_SEARCH)) {
            uri(settings.searchEndpointProperty().get())
                    .ifPresent(endpoint -> tools.add(new WebSearch(
                            "BRAVE".equals(settings.searchProviderProperty().get())
                                    ? SearchSettings.brave(keys.get(SearchSettings.Provider.BRAVE.keyName())
                                            .orElse(""))
                                    : SearchSettings.searxng(endpoint),
                            consent)));
        }
        if (enabled(Tool.TEXT_TO_IMAGE)) {
            uri(settings.imageEndpointProperty().get())
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

    private boolean enabled(Tool tool) {
        return settings.pluginEnabledProperty(tool).get();
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
        if (runner != null) {
            runner.close();
        }
        if (solver != null) {
            solver.close();
        }
    }
}
