// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Lenient reads from services' JSON: a missing or non-text field is empty, not an exception. */
final class Json {

    private Json() {}

    static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }
}
