package dev.cairn.dagjson;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pass over one buffer; positions in messages are byte offsets. */
final class JsonDecoder {
    /** DAG-CBOR's integer range (major types 0 and 1), so that every decoded value converts. */
    private static final BigInteger MAX_INT = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MIN_INT = BigInteger.ONE.shiftLeft(64).negate();

    private final byte[] in;
    private int pos;

    JsonDecoder(byte[] in) {
        this.in = in;
    }

    Object decodeWhole() {
        Object v = value(0);
        whitespace();
        if (pos != in.length) {
            throw fail("trailing characters after the value");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > DagJson.MAX_DEPTH) {
            throw fail("nesting deeper than " + DagJson.MAX_DEPTH);
        }
        whitespace();
        if (pos >= in.length) {
            throw fail("unexpected end of input");
        }
        return switch (in[pos]) {
            case '{' -> map(depth);
            case '[' -> list(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Object map(int depth) {
        int start = pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        whitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            whitespace();
            if (peek() != '"') {
                throw fail("map keys must be strings");
            }
            int keyAt = pos;
            String key = string();
            whitespace();
            expect(':');
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                throw fail(keyAt, "duplicate map key \"" + key + "\"");
            }
            map.put(key, v);
            whitespace();
            byte c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw fail("expected ',' or '}' in map");
            }
        }
        return special(map, start);
    }

    /** {@code {"/": "cid"}} is a link and {@code {"/": {"bytes": "..."}}} bytes; anything else stays a map. */
    private Object special(Map<String, Object> map, int start) {
        if (map.size() != 1 || !map.containsKey("/")) {
            return map;
        }
        Object slash = map.get("/");
        if (slash instanceof String text) {
            try {
                return Cid.parse(text);
            } catch (CodecException | IllegalArgumentException e) {
                throw fail(start, "link {\"/\": \"" + text + "\"} is not a CID: " + e.getMessage());
            }
        }
        if (slash instanceof Map<?, ?> inner && inner.size() == 1 && inner.get("bytes") instanceof String b64) {
            if (b64.indexOf('=') >= 0) {
                throw fail(start, "bytes must be base64 without padding");
            }
            try {
                return Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw fail(start, "bytes are not base64: " + e.getMessage());
            }
        }
        return map;
    }

    private List<Object> list(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        whitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            whitespace();
            byte c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw fail("expected ',' or ']' in list");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        int runStart = pos;
        while (true) {
            byte c = next();
            if (c == '"') {
                out.append(utf8(runStart, pos - 1));
                break;
            }
            if ((c & 0xFF) < 0x20) {
                throw fail("control character in string");
            }
            if (c != '\\') {
                continue;
            }
            out.append(utf8(runStart, pos - 1));
            byte e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append((char) e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append((char) hex4());
                default -> throw fail("bad escape in string");
            }
            runStart = pos;
        }
        String s = out.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw fail("string has a lone surrogate (\\u" + Integer.toHexString(ch) + ")");
            }
        }
        return s;
    }

    private String utf8(int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, from, to - from)).toString();
        } catch (CharacterCodingException ex) {
            throw fail(from, "string is not valid UTF-8");
        }
    }

    private int hex4() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(next(), 16);
            if (d < 0) {
                throw fail("bad \\u escape");
            }
            v = v * 16 + d;
        }
        return v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw fail(start, "unexpected character");
        }
        boolean fraction = false;
        if (peek() == '.') {
            pos++;
            fraction = true;
            if (!digits()) {
                throw fail("digits expected after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            fraction = true;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw fail("digits expected in exponent");
            }
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        if (text.length() > 400) {
            throw fail(start, "number of " + text.length() + " characters is too long");
        }
        if (!fraction) {
            BigInteger big = new BigInteger(text);
            if (big.compareTo(MIN_INT) < 0 || big.compareTo(MAX_INT) > 0) {
                throw fail(start, "integer " + text + " is outside the 64-bit range IPLD codecs share");
            }
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw fail(start, "number is out of the float64 range");
        }
        return d;
    }

    private boolean digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw fail("bad literal, expected " + word);
            }
        }
        return value;
    }

    private void whitespace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw fail("expected '" + c + "'");
        }
    }

    private byte peek() {
        return pos < in.length ? in[pos] : 0;
    }

    private byte next() {
        if (pos >= in.length) {
            throw fail("unexpected end of input");
        }
        return in[pos++];
    }

    private CodecException fail(String message) {
        return fail(pos, message);
    }

    private static CodecException fail(int at, String message) {
        return new CodecException("dag-json: " + message + " (at byte " + at + ")");
    }
}
