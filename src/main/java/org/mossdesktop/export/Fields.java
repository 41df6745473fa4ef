// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.mossdesktop.i18n.UserFacingException;

/** Reading fields of an imported JSON file, with a message that names the file and the field at fault. */
final class Fields {

    private Fields() {}

    static UserFacingException invalid(String source, String problem) {
        return new UserFacingException("store.import.invalid", source, problem);
    }

    static JsonObject object(JsonElement element, String name, String source) {
        if (element == null || !element.isJsonObject()) {
            throw invalid(source, name + " must be an object");
        }
        return element.getAsJsonObject();
    }

    static JsonArray array(JsonObject json, String name, String source) {
        JsonElement element = json.get(name);
        if (element == null || !element.isJsonArray()) {
            throw invalid(source, name + " must be an array");
        }
        return element.getAsJsonArray();
    }

    static String text(JsonObject json, String name, String source) {
        return optionalText(json, name, source).orElseThrow(() -> invalid(source, name + " is missing"));
    }

    static Optional<String> optionalText(JsonObject json, String name, String source) {
        JsonElement element = json.get(name);
        if (element == null || element.isJsonNull()) {
            return Optional.empty();
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw invalid(source, name + " must be a string");
        }
        return Optional.of(element.getAsString());
    }

    static double number(JsonObject json, String name, String source) {
        return primitiveNumber(json, name, source).getAsDouble();
    }

    static int integer(JsonObject json, String name, String source) {
        JsonPrimitive value = primitiveNumber(json, name, source);
        try {
            return value.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw invalid(source, name + " must be a whole number, was " + value);
        }
    }

    static OptionalLong optionalLong(JsonObject json, String name, String source) {
        JsonElement element = json.get(name);
        if (element == null || element.isJsonNull()) {
            return OptionalLong.empty();
        }
        JsonPrimitive value = primitiveNumber(json, name, source);
        try {
            return OptionalLong.of(value.getAsBigDecimal().longValueExact());
        } catch (ArithmeticException e) {
            throw invalid(source, name + " must be a whole number, was " + value);
        }
    }

    static Optional<Boolean> optionalBoolean(JsonObject json, String name, String source) {
        JsonElement element = json.get(name);
        if (element == null || element.isJsonNull()) {
            return Optional.empty();
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isBoolean()) {
            throw invalid(source, name + " must be true or false");
        }
        return Optional.of(element.getAsBoolean());
    }

    /** Builds a record whose constructor validates, turning its complaint into an import error. */
    static <T> T build(Supplier<T> constructor, String source) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage());
        }
    }

    private static JsonPrimitive primitiveNumber(JsonObject json, String name, String source) {
        JsonElement element = json.get(name);
        if (element == null || element.isJsonNull()) {
            throw invalid(source, name + " is missing");
        }
        if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isNumber()) {
            throw invalid(source, name + " must be a number");
        }
        return element.getAsJsonPrimitive();
    }
}
