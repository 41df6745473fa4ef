// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * MOSS's real training conversations, read in place from {@code ../shared/moss-sft-samples} (CC BY-NC: read,
 * never copied into the repository). Tests that need them are skipped where they are absent.
 */
final class SftSamples {

    /** One turn's "Tool Responses" text, e.g. {@code <|Results|>:\nCalculate("1+1") => '2'\n<eor>\n}. */
    record ToolResponse(String file, String text) {}

    private SftSamples() {}

    static Path directory() {
        Path dir = Path.of(System.getProperty("moss.repo", ".")).resolve("../shared/moss-sft-samples");
        assumeTrue(Files.isDirectory(dir), "MOSS SFT samples not found at " + dir.toAbsolutePath());
        return dir;
    }

    static List<ToolResponse> toolResponses() {
        List<ToolResponse> responses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory())) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonObject conversation = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                        .getAsJsonObject();
                if (!conversation.has("chat")) {
                    continue;
                }
                for (var turn : conversation.getAsJsonObject("chat").entrySet()) {
                    JsonElement response = turn.getValue().getAsJsonObject().get("Tool Responses");
                    if (response != null && response.isJsonPrimitive()) {
                        responses.add(new ToolResponse(file.getFileName().toString(), response.getAsString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return responses;
    }
}
