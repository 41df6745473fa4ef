// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.mossdesktop.i18n.UserFacingException;

/**
 * {@code moss-onnx.json}: what a model directory holds (docs/MODEL-FORMAT.md, format 1).
 *
 * @param generationDefaults the exporter's sampling defaults, or MOSS's when the manifest has none
 * @param sourceCheckpoint the checkpoint the model was exported from
 * @param sourceSha256 the sha256 over that checkpoint's weight files
 */
public record ModelManifest(
        int format,
        String name,
        ModelArchitecture architecture,
        ModelDtype dtype,
        List<StageSpec> stages,
        SpecialTokens specialTokens,
        boolean plugin,
        GenerationSettings generationDefaults,
        String sourceCheckpoint,
        String sourceSha256,
        boolean demo) {

    public static final String FILE_NAME = "moss-onnx.json";
    public static final int FORMAT = 1;

    public ModelManifest {
        stages = List.copyOf(stages);
    }

    /** Total weight bytes over all stages. */
    public long weightBytes() {
        return stages.stream().mapToLong(StageSpec::weightBytes).sum();
    }

    /**
     * Reads a manifest from its JSON text; every problem names {@code fileName} and the field.
     *
     * @throws UserFacingException when the text is not a valid format-1 manifest
     */
    public static ModelManifest parse(String json, String fileName) {
        JsonObject root;
        try {
            JsonElement element = JsonParser.parseString(json);
            if (!element.isJsonObject()) {
                throw new UserFacingException("engine.manifest.notJson", fileName, "not a JSON object");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new UserFacingException(e, "engine.manifest.notJson", fileName, rootMessage(e));
        }
        Fields f = new Fields(fileName);
        int format = f.integer(root, "format");
        if (format != FORMAT) {
            throw new UserFacingException("engine.manifest.formatVersion", fileName, format, FORMAT);
        }
        JsonObject arch = f.object(root, "architecture");
        ModelArchitecture architecture = new ModelArchitecture(
                f.string(arch, "model_type", "architecture."),
                f.positive(arch, "n_layer", "architecture."),
                f.positive(arch, "n_embd", "architecture."),
                f.positive(arch, "n_head", "architecture."),
                f.positive(arch, "head_dim", "architecture."),
                f.positive(arch, "rotary_dim", "architecture."),
                f.positive(arch, "n_inner", "architecture."),
                f.positive(arch, "vocab_size", "architecture."),
                f.positive(arch, "n_positions", "architecture."),
                arch.has("layer_norm_epsilon") ? f.number(arch, "layer_norm_epsilon", "architecture.") : 1e-5);
        String dtypeName = f.string(root, "dtype", "");
        ModelDtype dtype = ModelDtype.fromManifest(dtypeName);
        if (dtype == null) {
            throw f.invalid("dtype", dtypeName);
        }
        List<StageSpec> stages = stages(f, root, architecture);
        SpecialTokens special = specialTokens(f, f.object(root, "special_tokens"), architecture.vocabSize());
        JsonObject source = f.object(root, "source");
        GenerationSettings defaults = root.has("generation_defaults")
                ? generationDefaults(f, f.object(root, "generation_defaults"))
                : GenerationSettings.MOSS_DEFAULTS;
        return new ModelManifest(
                format,
                f.string(root, "name", ""),
                architecture,
                dtype,
                stages,
                special,
                root.has("plugin") && f.bool(root, "plugin", ""),
                defaults,
                f.string(source, "checkpoint", "source."),
                f.string(source, "sha256", "source."),
                root.has("demo") && f.bool(root, "demo", ""));
    }

    private static List<StageSpec> stages(Fields f, JsonObject root, ModelArchitecture architecture) {
        JsonElement element = root.get("stages");
        if (element == null || element.isJsonNull()) {
            throw f.missing("stages");
        }
        if (!element.isJsonArray() || element.getAsJsonArray().isEmpty()) {
            throw f.invalid("stages", "an empty list");
        }
        List<StageSpec> stages = new ArrayList<>();
        int expectedFirst = 0;
        int count = element.getAsJsonArray().size();
        for (int k = 0; k < count; k++) {
            JsonElement item = element.getAsJsonArray().get(k);
            String prefix = "stages[" + k + "].";
            if (!item.isJsonObject()) {
                throw f.invalid("stages[" + k + "]", item.toString());
            }
            JsonObject s = item.getAsJsonObject();
            int index = f.integer(s, "index", prefix);
            int first = f.integer(s, "first_layer", prefix);
            int end = f.integer(s, "end_layer", prefix);
            boolean embedding = f.bool(s, "has_embedding", prefix);
            boolean head = f.bool(s, "has_head", prefix);
            if (index != k) {
                throw f.invalid(prefix + "index", index);
            }
            if (first != expectedFirst) {
                throw f.invalid(prefix + "first_layer", first + " (stages must cover the layers in order from 0)");
            }
            if (end <= first || end > architecture.nLayer()) {
                throw f.invalid(prefix + "end_layer", end);
            }
            if (embedding != (k == 0)) {
                throw f.invalid(prefix + "has_embedding", embedding + " (only the first stage has the embedding)");
            }
            if (head != (k == count - 1)) {
                throw f.invalid(prefix + "has_head", head + " (only the last stage has the output layer)");
            }
            JsonElement data = s.get("data_file");
            Optional<String> dataFile = data == null || data.isJsonNull()
                    ? Optional.empty()
                    : Optional.of(f.string(s, "data_file", prefix));
            long weightBytes = f.longValue(s, "weight_bytes", prefix);
            if (weightBytes < 0) {
                throw f.invalid(prefix + "weight_bytes", weightBytes);
            }
            stages.add(new StageSpec(
                    index,
                    f.fileName(s, "file", prefix),
                    dataFile.map(name -> f.checkFileName(prefix + "data_file", name)),
                    first,
                    end,
                    embedding,
                    head,
                    weightBytes));
            expectedFirst = end;
        }
        if (expectedFirst != architecture.nLayer()) {
            throw f.invalid(
                    "stages[" + (count - 1) + "].end_layer",
                    expectedFirst + " (the last stage must end at n_layer = " + architecture.nLayer() + ")");
        }
        return stages;
    }

    private static SpecialTokens specialTokens(Fields f, JsonObject tokens, int vocabSize) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String name : SpecialTokens.NAMES) {
            int id = f.integer(tokens, name, "special_tokens.");
            if (id < 0 || id >= vocabSize) {
                throw f.invalid("special_tokens." + name, id + " (outside the vocabulary of " + vocabSize + ")");
            }
            ids.put(name, id);
        }
        return new SpecialTokens(
                ids.get("<eoh>"),
                ids.get("<eot>"),
                ids.get("<eoc>"),
                ids.get("<eor>"),
                ids.get("<eom>"),
                ids.get("<|endoftext|>"));
    }

    private static GenerationSettings generationDefaults(Fields f, JsonObject g) {
        GenerationSettings d = GenerationSettings.MOSS_DEFAULTS;
        String p = "generation_defaults.";
        try {
            return new GenerationSettings(
                    g.has("temperature") ? f.number(g, "temperature", p) : d.temperature(),
                    g.has("top_p") ? f.number(g, "top_p", p) : d.topP(),
                    g.has("top_k") ? f.integer(g, "top_k", p) : d.topK(),
                    g.has("repetition_penalty") ? f.number(g, "repetition_penalty", p) : d.repetitionPenalty(),
                    g.has("max_new_tokens") ? f.integer(g, "max_new_tokens", p) : d.maxNewTokens(),
                    false,
                    OptionalLong.empty());
        } catch (IllegalArgumentException e) {
            throw f.invalid("generation_defaults", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Reads typed fields and names the file and field in every error. */
    private record Fields(String fileName) {

        UserFacingException missing(String field) {
            return new UserFacingException("engine.manifest.fieldMissing", fileName, field);
        }

        UserFacingException invalid(String field, Object value) {
            return new UserFacingException("engine.manifest.fieldInvalid", fileName, field, String.valueOf(value));
        }

        JsonPrimitive primitive(JsonObject o, String name, String prefix) {
            JsonElement e = o.get(name);
            if (e == null || e.isJsonNull()) {
                throw missing(prefix + name);
            }
            if (!e.isJsonPrimitive()) {
                throw invalid(prefix + name, e);
            }
            return e.getAsJsonPrimitive();
        }

        JsonObject object(JsonObject o, String name) {
            JsonElement e = o.get(name);
            if (e == null || e.isJsonNull()) {
                throw missing(name);
            }
            if (!e.isJsonObject()) {
                throw invalid(name, e);
            }
            return e.getAsJsonObject();
        }

        int integer(JsonObject o, String name) {
            return integer(o, name, "");
        }

        int integer(JsonObject o, String name, String prefix) {
            long value = longValue(o, name, prefix);
            if (value != (int) value) {
                throw invalid(prefix + name, value);
            }
            return (int) value;
        }

        int positive(JsonObject o, String name, String prefix) {
            int value = integer(o, name, prefix);
            if (value <= 0) {
                throw invalid(prefix + name, value);
            }
            return value;
        }

        long longValue(JsonObject o, String name, String prefix) {
            JsonPrimitive p = primitive(o, name, prefix);
            if (!p.isNumber()) {
                throw invalid(prefix + name, p);
            }
            double d = p.getAsDouble();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw invalid(prefix + name, p);
            }
            return p.getAsLong();
        }

        double number(JsonObject o, String name, String prefix) {
            JsonPrimitive p = primitive(o, name, prefix);
            if (!p.isNumber()) {
                throw invalid(prefix + name, p);
            }
            return p.getAsDouble();
        }

        boolean bool(JsonObject o, String name, String prefix) {
            JsonPrimitive p = primitive(o, name, prefix);
            if (!p.isBoolean()) {
                throw invalid(prefix + name, p);
            }
            return p.getAsBoolean();
        }

        String string(JsonObject o, String name, String prefix) {
            JsonPrimitive p = primitive(o, name, prefix);
            if (!p.isString()) {
                throw invalid(prefix + name, p);
            }
            return p.getAsString();
        }

        /** A file name inside the model directory: no separators, so a manifest cannot point outside it. */
        String fileName(JsonObject o, String name, String prefix) {
            return checkFileName(prefix + name, string(o, name, prefix));
        }

        String checkFileName(String field, String value) {
            if (value.isBlank() || value.contains("/") || value.contains("\\") || value.equals("..")) {
                throw invalid(field, value);
            }
            return value;
        }
    }
}
