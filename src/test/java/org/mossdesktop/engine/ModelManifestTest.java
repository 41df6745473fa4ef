// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mossdesktop.i18n.UserFacingException;

class ModelManifestTest {

    @Test
    void the_documented_manifest_reads_with_every_field() {
        ModelManifest m = ManifestFixtures.moss16b();
        assertEquals(1, m.format());
        assertEquals("moss-moon-003-sft", m.name());
        assertEquals(new ModelArchitecture("moss", 34, 6144, 24, 256, 64, 24576, 107008, 2048, 1e-5), m.architecture());
        assertEquals(ModelDtype.FP16, m.dtype());
        assertEquals(
                new StageSpec(1, "stage-1.onnx", Optional.of("stage-1.onnx.data"), 17, 34, false, true, 16900000000L),
                m.stages().get(1));
        assertEquals(106068, m.specialTokens().eom());
        assertEquals(106070, m.specialTokens().id("<eoc>"));
        assertEquals(GenerationSettings.MOSS_DEFAULTS, m.generationDefaults());
        assertEquals(33400000000L, m.weightBytes());
        assertFalse(m.plugin());
        assertEquals("moss-moon-003-sft", m.sourceCheckpoint());
        assertEquals("0", m.sourceSha256());
    }

    @Test
    void a_newer_format_is_refused_with_both_version_numbers() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.replace("\"format\": 1", "\"format\": 2"));
        assertEquals("engine.manifest.formatVersion", e.key());
        assertEquals(
                "/m/moss-onnx.json is in model format 2, but this MOSS Desktop reads format 1. Export the model again"
                        + " with a matching version of onnx-export.",
                e.getMessage());
    }

    @Test
    void a_missing_field_is_named_with_its_path() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.replace("\"n_head\": 24, ", ""));
        assertEquals("/m/moss-onnx.json is incomplete: the field \"architecture.n_head\" is missing.", e.getMessage());
    }

    @Test
    void text_that_is_not_json_is_refused_naming_the_file() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.substring(0, 200));
        assertEquals("engine.manifest.notJson", e.key());
        assertTrue(e.getMessage().startsWith("/m/moss-onnx.json is not a valid model manifest"), e.getMessage());
    }

    @Test
    void stages_that_leave_a_gap_between_layers_are_refused() {
        UserFacingException e =
                refused(ManifestFixtures.MOSS_16B.replace("\"first_layer\": 17", "\"first_layer\": 18"));
        assertEquals("engine.manifest.fieldInvalid", e.key());
        assertTrue(e.getMessage().contains("\"stages[1].first_layer\""), e.getMessage());
    }

    @Test
    void stages_that_stop_short_of_the_last_layer_are_refused() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.replace("\"end_layer\": 34", "\"end_layer\": 33"));
        assertTrue(e.getMessage().contains("\"stages[1].end_layer\""), e.getMessage());
    }

    @Test
    void a_stage_file_outside_the_model_folder_is_refused() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.replace("\"stage-0.onnx\"", "\"../evil.onnx\""));
        assertTrue(e.getMessage().contains("\"stages[0].file\""), e.getMessage());
    }

    @Test
    void a_control_token_outside_the_vocabulary_is_refused() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.replace("\"<eom>\": 106068", "\"<eom>\": 107008"));
        assertTrue(e.getMessage().contains("\"special_tokens.<eom>\""), e.getMessage());
    }

    @Test
    void an_unknown_dtype_is_refused() {
        UserFacingException e = refused(ManifestFixtures.MOSS_16B.replace("\"fp16\"", "\"int3\""));
        assertEquals("/m/moss-onnx.json is damaged: the field \"dtype\" has the invalid value int3.", e.getMessage());
    }

    private static UserFacingException refused(String json) {
        return assertThrows(UserFacingException.class, () -> ModelManifest.parse(json, "/m/moss-onnx.json"));
    }
}
