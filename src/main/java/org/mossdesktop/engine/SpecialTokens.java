// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of MOSS's six control tokens, read from the manifest (which read them from the tokenizer): never
 * hard-coded, because only {@code <eom>} = 106068 is published.
 */
public record SpecialTokens(int eoh, int eot, int eoc, int eor, int eom, int endOfText) {

    /** The names as they appear in {@code tokenizer.json} and the manifest, in a fixed order. */
    public static final java.util.List<String> NAMES =
            java.util.List.of("<eoh>", "<eot>", "<eoc>", "<eor>", "<eom>", "<|endoftext|>");

    /** Name to id, in {@link #NAMES} order. */
    public Map<String, Integer> byName() {
        Map<String, Integer> map = new LinkedHashMap<>();
        int[] ids = {eoh, eot, eoc, eor, eom, endOfText};
        for (int i = 0; i < ids.length; i++) {
            map.put(NAMES.get(i), ids[i]);
        }
        return map;
    }

    /** The id of the control token named {@code name} (e.g. "&lt;eoc&gt;"). */
    public int id(String name) {
        Integer id = byName().get(name);
        if (id == null) {
            throw new IllegalArgumentException("Not a MOSS control token: " + name);
        }
        return id;
    }

    /** Whether {@code id} is one of the six. */
    public boolean contains(int id) {
        return id == eoh || id == eot || id == eoc || id == eor || id == eom || id == endOfText;
    }
}
