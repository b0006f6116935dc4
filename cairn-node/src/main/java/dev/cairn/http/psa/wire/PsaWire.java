package dev.cairn.http.psa.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.cid.CidPolicy;
import dev.cairn.multiformats.CodecException;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinPage;
import dev.cairn.pin.PinRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converters between the pin domain and the PSA wire: domain records out, request bodies and
 * query values in. Every rejection is a {@link BadPsaRequestException} whose message names the
 * field or parameter.
 */
public final class PsaWire {
    /** How {@code created} goes out: millisecond precision, UTC, as in the spec's example. */
    public static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** RFC 3339 in: any fraction length (or none), {@code Z}/{@code z} or an offset. */
    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PsaWire() {}

    public static String created(Instant t) {
        return CREATED.format(t);
    }

    public static PinStatusBody status(PinRecord r, List<String> delegates) {
        Pin p = r.pin();
        PinBody pin = new PinBody(p.cidText(), p.name(), p.origins().isEmpty() ? null : p.origins(),
                p.meta().isEmpty() ? null : new java.util.TreeMap<>(p.meta()));
        return new PinStatusBody(r.requestId().toString(), r.status().wire(), created(r.created()), pin, delegates,
                r.info().isEmpty() ? null : new java.util.TreeMap<>(r.info()));
    }

    public static PinResultsBody results(PinPage page, List<String> delegates) {
        return new PinResultsBody(page.count(), page.results().stream().map(r -> status(r, delegates)).toList());
    }

    /**
     * Parses an RFC 3339 date-time ({@code before}/{@code after}). A space where the offset sign
     * belongs is read as {@code +} (an unencoded {@code +} in a query string decodes to a space),
     * and a space between date and time as {@code T} (RFC 3339 allows it).
     */
    public static Instant time(String param, String text) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        t = t.replace(' ', '+');
        try {
            return OffsetDateTime.parse(t, RFC3339).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadPsaRequestException(param + " must be an RFC 3339 date-time such as "
                    + "2020-07-27T17:32:28.276Z, got '" + text + "'");
        }
    }

    /** Reads a {@code POST /pins} or {@code POST /pins/{requestid}} body into a pin to add. */
    public static Pin readPin(byte[] body) {
        JsonNode node = tree(body, "request body");
        if (!node.isObject()) {
            throw new BadPsaRequestException("request body must be a JSON object (a Pin with at least \"cid\")");
        }
        JsonNode cidNode = node.get("cid");
        if (cidNode == null || cidNode.isNull()) {
            throw new BadPsaRequestException("cid is required");
        }
        String cidText = text(cidNode, "cid");
        Cid cid;
        try {
            cid = CidPolicy.standard().check(Cid.parse(cidText));
        } catch (CodecException e) {
            throw new BadPsaRequestException("cid '" + abbreviate(cidText) + "' is not usable: " + e.getMessage(), e);
        }
        String name = present(node, "name") ? name(text(node.get("name"), "name")) : null;
        List<String> origins = present(node, "origins") ? origins(node.get("origins")) : List.of();
        Map<String, String> meta = present(node, "meta") ? meta("meta", node.get("meta")) : Map.of();
        return new Pin(cidText, cid, name, origins, meta);
    }

    /** Reads the {@code meta} query parameter: URL-decoded JSON text of an object of strings. */
    public static Map<String, String> metaQuery(String text) {
        return meta("meta", tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "meta"));
    }

    /** Checks a name (body or filter) against the spec's 255-character limit. */
    public static String name(String name) {
        int length = name.codePointCount(0, name.length());
        if (length > PsaLimits.MAX_NAME_LENGTH) {
            throw new BadPsaRequestException("name must be at most " + PsaLimits.MAX_NAME_LENGTH
                    + " characters, got " + length);
        }
        return name;
    }

    private static List<String> origins(JsonNode node) {
        if (!node.isArray()) {
            throw new BadPsaRequestException("origins must be an array of multiaddr strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode o : node) {
            String s = text(o, "origins[]");
            if (s.length() > PsaLimits.MAX_ORIGIN_LENGTH) {
                throw new BadPsaRequestException("an origin must be at most " + PsaLimits.MAX_ORIGIN_LENGTH
                        + " characters, got " + s.length());
            }
            out.add(s); // duplicates collapse; unparseable multiaddrs are kept (fetchers skip them)
        }
        if (out.size() > PsaLimits.MAX_ORIGINS) {
            throw new BadPsaRequestException("origins may hold at most " + PsaLimits.MAX_ORIGINS
                    + " multiaddrs, got " + out.size());
        }
        return new ArrayList<>(out);
    }

    private static Map<String, String> meta(String field, JsonNode node) {
        if (!node.isObject()) {
            throw new BadPsaRequestException(field + " must be a JSON object with string values");
        }
        if (node.size() > PsaLimits.MAX_META_KEYS) {
            throw new BadPsaRequestException(field + " may hold at most " + PsaLimits.MAX_META_KEYS
                    + " keys, got " + node.size());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.length() > PsaLimits.MAX_META_KEY_LENGTH) {
                throw new BadPsaRequestException(field + " keys must be at most " + PsaLimits.MAX_META_KEY_LENGTH
                        + " characters, got one of " + key.length());
            }
            if (!e.getValue().isTextual()) {
                throw new BadPsaRequestException(field + " values must be strings; " + field + "[\""
                        + abbreviate(key) + "\"] is " + kind(e.getValue()));
            }
            String value = e.getValue().textValue();
            if (value.length() > PsaLimits.MAX_META_VALUE_LENGTH) {
                throw new BadPsaRequestException(field + " values must be at most "
                        + PsaLimits.MAX_META_VALUE_LENGTH + " characters; " + field + "[\"" + abbreviate(key)
                        + "\"] has " + value.length());
            }
            out.put(key, value);
        }
        return out;
    }

    private static JsonNode tree(byte[] json, String what) {
        if (json.length == 0) {
            throw new BadPsaRequestException(what + " is empty; expected JSON");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadPsaRequestException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new BadPsaRequestException(what + " could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new BadPsaRequestException(field + " must be a string, got " + kind(node));
        }
        return node.textValue();
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
