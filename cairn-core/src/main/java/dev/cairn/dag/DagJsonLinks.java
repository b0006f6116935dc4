package dev.cairn.dag;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Link extraction from dag-json blocks (ipld specs/codecs/dag-json): a JSON parser that reports
 * every object of the exact form {@code {"/": "<CID string>"}} in encounter order. Not a dag-json
 * codec: it builds no values and does not check canonical key order, only JSON syntax.
 */
final class DagJsonLinks {
    private static final int MAX_DEPTH = 128;

    private final byte[] in;
    private final List<Cid> links = new ArrayList<>();
    private int pos;

    private DagJsonLinks(byte[] in) {
        this.in = in;
    }

    static List<Cid> of(byte[] json) {
        DagJsonLinks p = new DagJsonLinks(json);
        p.value(0);
        p.whitespace();
        if (p.pos != json.length) {
            throw p.fail("trailing characters after the value");
        }
        return p.links;
    }

    /** Parses one value; returns its text when it is a string (to recognise links), else null. */
    private String value(int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("nesting deeper than " + MAX_DEPTH);
        }
        whitespace();
        if (pos >= in.length) {
            throw fail("unexpected end of input");
        }
        switch (in[pos]) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> {
                return string();
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
        return null;
    }

    private void object(int depth) {
        pos++;
        whitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        int entries = 0;
        String onlyKey = null;
        String onlyValue = null;
        while (true) {
            whitespace();
            if (peek() != '"') {
                throw fail("object keys must be strings");
            }
            String key = string();
            whitespace();
            expect(':');
            String v = value(depth + 1);
            entries++;
            if (entries == 1) {
                onlyKey = key;
                onlyValue = v;
            }
            whitespace();
            byte c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw fail("expected ',' or '}' in object");
            }
        }
        if (entries == 1 && "/".equals(onlyKey) && onlyValue != null) {
            try {
                links.add(Cid.parse(onlyValue));
            } catch (CodecException e) {
                throw new CodecException("dag-json: link {\"/\": \"" + onlyValue + "\"} is not a CID: " + e.getMessage(), e);
            }
        }
    }

    private void array(int depth) {
        pos++;
        whitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            value(depth + 1);
            whitespace();
            byte c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw fail("expected ',' or ']' in array");
            }
        }
    }

    private String string() {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            byte c = next();
            if (c == '"') {
                break;
            }
            if ((c & 0xFF) < 0x20) {
                throw fail("control character in string");
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            byte e = next();
            switch (e) {
                case '"', '\\', '/' -> out.write(e);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                // A surrogate escape decodes to '?' here: harmless, since only CID strings matter.
                case 'u' -> out.writeBytes(String.valueOf((char) hex4()).getBytes(StandardCharsets.UTF_8));
                default -> throw fail("bad escape in string");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException ex) {
            throw fail("string is not valid UTF-8");
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

    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw fail("unexpected character");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw fail("digits expected after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw fail("digits expected in exponent");
            }
        }
        if (pos == start) {
            throw fail("unexpected character");
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw fail("bad literal, expected " + word);
            }
        }
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
        return new CodecException("dag-json: " + message + " (at byte " + pos + ")");
    }
}
