// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mossdesktop.i18n.UserFacingException;

/**
 * MOSS's byte-level BPE through DJL's HuggingFace tokenizers, from the model directory's {@code tokenizer.json}.
 *
 * <p>Text is encoded as plain text by a second instance loaded without the six control tokens, so a user who
 * types {@code <eom>} gets the characters, never the token. Control tokens enter a prompt only by id
 * ({@link #specialTokens()}). Decoding uses the full tokenizer, so control tokens decode to their names.
 */
public final class Tokenizer implements AutoCloseable {

    private static final String DJL_CACHE = "DJL_CACHE_DIR";
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer full;
    private final HuggingFaceTokenizer plain;
    private final SpecialTokens specialTokens;
    private final int vocabSize;

    private Tokenizer(
            HuggingFaceTokenizer full, HuggingFaceTokenizer plain, SpecialTokens specialTokens, int vocabSize) {
        this.full = full;
        this.plain = plain;
        this.specialTokens = specialTokens;
        this.vocabSize = vocabSize;
    }

    /**
     * Loads the tokenizer of {@code model} and checks it against the manifest.
     *
     * @param nativeCache where DJL unpacks its native library, unless DJL_CACHE_DIR is set already
     * @throws UserFacingException when the file is unreadable or disagrees with the manifest
     */
    public static Tokenizer load(ModelDirectory model, Optional<Path> nativeCache) {
        Path file = model.tokenizerFile();
        ModelManifest manifest = model.manifest();
        nativeCache.ifPresent(Tokenizer::useNativeCache);
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new UserFacingException(e, "engine.tokenizer.unreadable", file.toString(), e.getMessage());
        }
        Map<String, Integer> added = addedTokens(json);
        int vocabSize = Math.max(
                        maxVocabId(json),
                        added.values().stream().mapToInt(i -> i).max().orElse(-1))
                + 1;
        if (vocabSize > manifest.architecture().vocabSize()) {
            throw new UserFacingException(
                    "engine.tokenizer.vocabMismatch",
                    file.toString(),
                    String.valueOf(vocabSize),
                    String.valueOf(manifest.architecture().vocabSize()));
        }
        for (Map.Entry<String, Integer> token :
                manifest.specialTokens().byName().entrySet()) {
            Integer id = added.get(token.getKey());
            if (!token.getValue().equals(id)) {
                throw new UserFacingException(
                        "engine.tokenizer.controlTokenMismatch",
                        file.toString(),
                        token.getKey(),
                        id == null ? "—" : String.valueOf(id),
                        String.valueOf(token.getValue()));
            }
        }
        HuggingFaceTokenizer full = null;
        try {
            full = newInstance(json.toString());
            return new Tokenizer(
                    full, newInstance(withoutControlTokens(json).toString()), manifest.specialTokens(), vocabSize);
        } catch (IOException | RuntimeException e) {
            if (full != null) {
                full.close();
            }
            throw new UserFacingException(e, "engine.tokenizer.unreadable", file.toString(), e.getMessage());
        }
    }

    /** The ids of {@code text} as plain text: control-token names in it are spelled out, never injected. */
    public int[] encode(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        long[] ids = plain.encode(text, false, false).getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = (int) ids[i];
        }
        return result;
    }

    /** The text of {@code ids[from..to)}; control tokens appear by name. Incomplete UTF-8 becomes U+FFFD. */
    public String decode(int[] ids, int from, int to) {
        long[] slice = new long[to - from];
        for (int i = from; i < to; i++) {
            slice[i - from] = ids[i];
        }
        return full.decode(slice, false);
    }

    public String decode(int... ids) {
        return decode(ids, 0, ids.length);
    }

    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** How many ids the tokenizer uses (MOSS: about 106k of the model's 107008 rows). */
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public void close() {
        full.close();
        plain.close();
    }

    private static HuggingFaceTokenizer newInstance(String json) throws IOException {
        return HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPTIONS);
    }

    private static synchronized void useNativeCache(Path directory) {
        if (System.getenv(DJL_CACHE) == null && System.getProperty(DJL_CACHE) == null) {
            System.setProperty(DJL_CACHE, directory.toAbsolutePath().toString());
        }
    }

    private static Map<String, Integer> addedTokens(JsonObject json) {
        Map<String, Integer> added = new HashMap<>();
        JsonElement list = json.get("added_tokens");
        if (list != null && list.isJsonArray()) {
            for (JsonElement token : list.getAsJsonArray()) {
                JsonObject t = token.getAsJsonObject();
                added.put(t.get("content").getAsString(), t.get("id").getAsInt());
            }
        }
        return added;
    }

    private static int maxVocabId(JsonObject json) {
        int max = -1;
        JsonObject model = json.getAsJsonObject("model");
        if (model != null && model.get("vocab") instanceof JsonObject vocab) {
            for (Map.Entry<String, JsonElement> entry : vocab.entrySet()) {
                max = Math.max(max, entry.getValue().getAsInt());
            }
        }
        return max;
    }

    /** The same tokenizer with the six control tokens no longer split out of text. */
    private static JsonObject withoutControlTokens(JsonObject json) {
        JsonObject copy = json.deepCopy();
        JsonArray kept = new JsonArray();
        for (JsonElement token : copy.getAsJsonArray("added_tokens")) {
            if (!SpecialTokens.NAMES.contains(
                    token.getAsJsonObject().get("content").getAsString())) {
                kept.add(token);
            }
        }
        copy.add("added_tokens", kept);
        return copy;
    }
}
