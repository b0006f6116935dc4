package dev.cairn.pin.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.db.DatabaseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text columns of {@code pins} (origins, meta, info). Maps are written with sorted keys so
 * equal maps are equal text, and read back in that order.
 */
final class PinJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private PinJson() {}

    static String list(List<String> values) {
        return write(values);
    }

    static String map(Map<String, String> values) {
        return write(new java.util.TreeMap<>(values));
    }

    static List<String> readList(String text) {
        try {
            return JSON.readValue(text, LIST);
        } catch (JsonProcessingException e) {
            throw new DatabaseException("pins row holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> readMap(String text) {
        try {
            return JSON.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new DatabaseException("pins row holds malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and lists of strings always serialise", e);
        }
    }
}
