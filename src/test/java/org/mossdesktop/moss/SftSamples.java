// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.moss;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * MOSS's own training conversations in ../shared/moss-sft-samples (CC BY-NC: read from there, never copied
 * into the repository). Tests that use them are skipped where the folder is absent. The one reader of them
 * for every package's tests.
 */
public final class SftSamples {

    public static final List<String> FIELDS = List.of("Human", "Inner Thoughts", "Commands", "Tool Responses", "MOSS");

    private SftSamples() {}

    public static Path dir() {
        return Path.of(System.getProperty("moss.repo", ".")).resolve("../shared/moss-sft-samples");
    }

    /** Every sample conversation file; skips the calling test when the samples are absent. */
    public static List<Path> files() {
        Path dir = dir();
        assumeTrue(Files.isDirectory(dir), "MOSS's SFT samples are not at " + dir.toAbsolutePath());
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> files =
                    paths.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assumeTrue(!files.isEmpty(), "no samples in " + dir);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String name(Path file) {
        return dir().relativize(file).toString();
    }

    public static JsonObject json(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The turns of a sample in order, each as its raw field strings. */
    public static List<JsonObject> turns(JsonObject sample) {
        JsonObject chat = sample.getAsJsonObject("chat");
        List<JsonObject> turns = new ArrayList<>();
        for (int i = 1; chat.has("turn_" + i); i++) {
            turns.add(chat.getAsJsonObject("turn_" + i));
        }
        return turns;
    }

    /** What MOSS's finetune_moss.py trains on: the meta instruction and every field of every turn, in order. */
    public static String trainingText(JsonObject sample) {
        StringBuilder sb = new StringBuilder(sample.get("meta_instruction").getAsString());
        for (JsonObject turn : turns(sample)) {
            for (String field : FIELDS) {
                sb.append(turn.get(field).getAsString());
            }
        }
        return sb.toString();
    }
}
