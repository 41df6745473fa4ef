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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mossdesktop.i18n.UserFacingException;

/**
 * MOSS's byte-level BPE through DJL's HuggingFace tokenizers, from the model directory's {@code tokenizer.json}.
 *
 * <p>Text is encoded as plain text by a second instance in which the six control tokens are renamed to strings
 * no text can contain, so a user who types {@code <eom>} gets the characters, never the token. (Renamed, not
 * removed: HF tokenizers numbers added tokens by their order, so removing one would shift the ids of the
 * whitespace tokens after it.) Control tokens enter a prompt only by id ({@link #specialTokens()}). Decoding
 * uses the full tokenizer, so control tokens decode to their names.
 */
public final class Tokenizer implements AutoCloseable {

    private static final String DJL_CACHE = "DJL_CACHE_DIR";
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
    /** A Unicode noncharacter: never in real text, and replaced in text before encoding. */
    private static final char SENTINEL = '\uFDD0';
    /** Ordinary text both instances must number alike: whitespace runs are added tokens too. */
    private static final String PROBE = "MOSS  a   b    c\n\n\t\t你好 🙂 x";

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
        Map<String, Integer> vocab = modelVocab(json);
        Map<String, Integer> added = addedTokens(json);
        int vocabSize = Math.max(
                        vocab.values().stream().mapToInt(i -> i).max().orElse(-1),
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
            Integer id = added.getOrDefault(token.getKey(), vocab.get(token.getKey()));
            if (!token.getValue().equals(id)) {
                throw controlTokenMismatch(
                        file, token.getKey(), id == null ? "—" : String.valueOf(id), token.getValue());
            }
        }
        HuggingFaceTokenizer full = null;
        HuggingFaceTokenizer plain = null;
        try {
            full = newInstance(json.toString());
            plain = newInstance(withControlTokensRenamed(json, vocab).toString());
            Tokenizer tokenizer = new Tokenizer(full, plain, manifest.specialTokens(), vocabSize);
            tokenizer.check(file);
            return tokenizer;
        } catch (IOException | RuntimeException e) {
            if (full != null) {
                full.close();
            }
            if (plain != null) {
                plain.close();
            }
            if (e instanceof UserFacingException u) {
                throw u;
            }
            throw new UserFacingException(e, "engine.tokenizer.unreadable", file.toString(), e.getMessage());
        }
    }

    /** The ids of {@code text} as plain text: control-token names in it are spelled out, never injected. */
    public int[] encode(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        long[] ids =
                plain.encode(text.replace(SENTINEL, '\uFFFD'), false, false).getIds();
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

    /** The loaded instances must agree with the manifest's ids, and with each other on ordinary text. */
    private void check(Path file) {
        for (Map.Entry<String, Integer> token : specialTokens.byName().entrySet()) {
            String decoded = full.decode(new long[] {token.getValue()}, false);
            if (!decoded.equals(token.getKey())) {
                throw controlTokenMismatch(file, token.getKey(), decoded, token.getValue());
            }
        }
        if (!Arrays.equals(
                full.encode(PROBE, false, false).getIds(),
                plain.encode(PROBE, false, false).getIds())) {
            throw new IllegalStateException("The plain-text tokenizer numbers tokens differently from " + file);
        }
    }

    private static UserFacingException controlTokenMismatch(Path file, String name, String found, int expected) {
        return new UserFacingException(
                "engine.tokenizer.controlTokenMismatch", file.toString(), name, found, String.valueOf(expected));
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

    private static Map<String, Integer> modelVocab(JsonObject json) {
        Map<String, Integer> vocab = new HashMap<>();
        JsonObject model = json.getAsJsonObject("model");
        if (model != null && model.get("vocab") instanceof JsonObject entries) {
            for (Map.Entry<String, JsonElement> entry : entries.entrySet()) {
                vocab.put(entry.getKey(), entry.getValue().getAsInt());
            }
        }
        return vocab;
    }

    /**
     * The same tokenizer with the six control tokens no longer split out of text: renamed so that no text contains
     * them, or dropped from the added tokens where the BPE vocabulary has them anyway (GPT-2's
     * {@code <|endoftext|>}); either way every other id stays where it was.
     */
    private static JsonObject withControlTokensRenamed(JsonObject json, Map<String, Integer> vocab) {
        JsonObject copy = json.deepCopy();
        JsonArray kept = new JsonArray();
        for (JsonElement token : copy.getAsJsonArray("added_tokens")) {
            JsonObject t = token.getAsJsonObject();
            String content = t.get("content").getAsString();
            if (SpecialTokens.NAMES.contains(content)) {
                if (vocab.containsKey(content)) {
                    continue;
                }
                t.addProperty("content", SENTINEL + content + SENTINEL);
            }
            kept.add(t);
        }
        copy.add("added_tokens", kept);
        return copy;
    }
}
