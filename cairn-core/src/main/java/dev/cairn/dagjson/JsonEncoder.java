package dev.cairn.dagjson;

import dev.cairn.cid.Cid;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Writes the canonical form; one instance per value. */
final class JsonEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static byte[] encode(Object value) {
        JsonEncoder e = new JsonEncoder();
        e.value(value, 0);
        return e.out.toByteArray();
    }

    private void value(Object v, int depth) {
        if (depth > DagJson.MAX_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + DagJson.MAX_DEPTH);
        }
        switch (v) {
            case null -> ascii("null");
            case Boolean b -> ascii(b ? "true" : "false");
            case Long l -> ascii(Long.toString(l));
            case Integer i -> ascii(Integer.toString(i));
            case Short s -> ascii(Short.toString(s));
            case Byte b -> ascii(Byte.toString(b));
            case BigInteger big -> ascii(big.toString());
            case Double d -> ascii(number(d));
            case Float f -> ascii(number(f.doubleValue()));
            case String s -> string(s);
            case byte[] bytes -> {
                ascii("{\"/\":{\"bytes\":\"");
                ascii(Base64.getEncoder().withoutPadding().encodeToString(bytes));
                ascii("\"}}");
            }
            case Cid cid -> {
                ascii("{\"/\":");
                string(cid.toString());
                out.write('}');
            }
            case List<?> list -> {
                out.write('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    value(list.get(i), depth + 1);
                }
                out.write(']');
            }
            case Map<?, ?> map -> map(map, depth);
            default -> throw new IllegalArgumentException("not an IPLD data model value: " + v.getClass().getName());
        }
    }

    private void map(Map<?, ?> map, int depth) {
        List<byte[]> keys = new ArrayList<>(map.size());
        List<Object> values = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException("map keys must be strings, not " + e.getKey());
            }
            keys.add(k.getBytes(StandardCharsets.UTF_8));
            values.add(e.getValue());
        }
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
        out.write('{');
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            string(new String(keys.get(order[i]), StandardCharsets.UTF_8));
            out.write(':');
            value(values.get(order[i]), depth + 1);
        }
        out.write('}');
    }

    /** A JSON string as JSON.stringify writes it: short escapes, other controls as \\u00xx, the rest as UTF-8. */
    private void string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new IllegalArgumentException("string has a lone surrogate at index " + i);
            }
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (cp < 0x20) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
            i += Character.charCount(cp);
        }
        out.writeBytes(b.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A float as ECMAScript's Number::toString writes it (shortest digits that read back the
     * same), with {@code .0} added when that has neither point nor exponent, as cborg does.
     */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("NaN and infinities are not in the IPLD data model");
        }
        if (d == 0) {
            return "0.0";
        }
        BigDecimal dec = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String s = dec.unscaledValue().toString();
        int k = s.length();
        int n = k - dec.scale();
        StringBuilder b = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            b.append(s).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            b.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            b.append("0.").append("0".repeat(-n)).append(s);
        } else {
            b.append(s.charAt(0));
            if (k > 1) {
                b.append('.').append(s, 1, k);
            }
            b.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        String r = b.toString();
        return r.indexOf('.') >= 0 || r.indexOf('e') >= 0 ? r : r + ".0";
    }

    private void ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
