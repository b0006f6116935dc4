package dev.cairn.dagjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.dagcbor.DagCbor;
import dev.cairn.interop.DagJsonReference;
import dev.cairn.multiformats.CodecException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DagJsonTest {
    private static final List<Cid> CIDS = List.of(
            Cid.parse("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n"),
            Cid.parse("bafyreidykglsfhoixmivffc5uwhcgshx4j465xwqntbmu43nb2dzqwfvae"),
            Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"));

    private static String json(Object v) {
        return new String(DagJson.encode(v), StandardCharsets.UTF_8);
    }

    private static Object parse(String s) {
        return DagJson.decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesWithoutWhitespaceWithKeysInUtf8ByteOrderNotLengthFirst() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bb", 1L);
        m.put("a", List.of(true, false));
        m.put("ab", null);
        m.put("é", "x");
        assertThat(json(m)).isEqualTo("{\"a\":[true,false],\"ab\":null,\"bb\":1,\"é\":\"x\"}");
    }

    @Test
    void linksAndBytesUseTheSlashForms() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link", CIDS.get(1));
        m.put("data", new byte[] {1, 2, 3, (byte) 0xff});
        m.put("none", new byte[0]);
        String text = json(m);
        assertThat(text).isEqualTo("{\"data\":{\"/\":{\"bytes\":\"AQID/w\"}},\"link\":{\"/\":\"" + CIDS.get(1)
                + "\"},\"none\":{\"/\":{\"bytes\":\"\"}}}");
        Map<?, ?> back = (Map<?, ?>) parse(text);
        assertThat(back.get("link")).isEqualTo(CIDS.get(1));
        assertThat((byte[]) back.get("data")).containsExactly(1, 2, 3, 0xff);
    }

    @Test
    void linksAreListedInTheBlocksOwnOrderWithDuplicatesAndNestedOnesIncluded() {
        String a = CIDS.get(0).toString(), b = CIDS.get(1).toString();
        // keys deliberately out of canonical order: links follow the bytes, not the sorted keys
        String block = "{\"z\":{\"/\":\"" + b + "\"},\"a\":[{\"/\":\"" + a + "\"},{\"x\":{\"/\":\"" + b
                + "\"}}],\"n\":{\"/\":{\"bytes\":\"AQ\"}}}";
        assertThat(DagJson.links(block.getBytes(StandardCharsets.UTF_8))).containsExactly(CIDS.get(1), CIDS.get(0), CIDS.get(1));
        assertThatThrownBy(() -> DagJson.links("{\"/\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void floatsKeepAPointOrExponentAndReadBackAsFloats() {
        assertThat(json(1.0)).isEqualTo("1.0");
        assertThat(json(-2.5)).isEqualTo("-2.5");
        assertThat(json(1e21)).isEqualTo("1e+21");
        assertThat(json(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(json(0.000001)).isEqualTo("0.000001");
        assertThat(json(123456789012345680000.0)).isEqualTo("123456789012345680000.0");
        assertThat(parse("1.0")).isEqualTo(1.0);
        assertThat(parse("1")).isEqualTo(1L);
        assertThat(parse("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void decodingRefusesWhatTheDataModelCannotHold() {
        for (String bad : List.of("{\"a\":1,\"a\":2}", "1e400", "18446744073709551616", "-18446744073709551617",
                "\"\\ud800\"", "{\"/\":\"not a cid\"}", "{\"/\":{\"bytes\":\"AQ==\"}}", "[1,]", "01", "{a:1}",
                "\"a\" \"b\"", "\"\u0001\"", "nul", "[" .repeat(200) + "]".repeat(200), "")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(CodecException.class);
        }
        assertThatThrownBy(() -> DagJson.decode(new byte[] {'"', (byte) 0xc3, '"'})).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> DagJson.encode(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingAcceptsWhitespaceAnyKeyOrderAndEscapesAndReencodesCanonically() {
        Object v = parse(" { \"b\" : [ 1 , 2 ] ,\n\t\"a\" : \"\\u00e9\\n\\ud83d\\ude00\\/\" } ");
        assertThat(json(v)).isEqualTo("{\"a\":\"é\\n😀/\",\"b\":[1,2]}");
        assertThat(parse("{\"/\":\"x\",\"other\":1}")).isInstanceOf(Map.class); // not a link: two keys
    }

    @Test
    void randomValuesSurviveEncodeAndDecode() {
        Random random = new Random(20261125);
        for (int i = 0; i < 2000; i++) {
            Object v = value(random, 0, true);
            byte[] encoded = DagJson.encode(v);
            assertThat(DagCbor.encode(DagJson.decode(encoded))).as(new String(encoded, StandardCharsets.UTF_8))
                    .isEqualTo(DagCbor.encode(v));
            assertThat(DagJson.encode(DagJson.decode(encoded))).isEqualTo(encoded);
        }
    }

    @Test
    void mutatedInputEitherDecodesOrIsACodecException() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] b = DagJson.encode(value(random, 0, true));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && b.length > 0; e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(3)) {
                    case 0 -> b[at] = (byte) random.nextInt(256);
                    case 1 -> {
                        String structural = "{}[]\",:/\\0e.-";
                        b[at] = (byte) structural.charAt(random.nextInt(structural.length()));
                    }
                    default -> b = java.util.Arrays.copyOf(b, at);
                }
            }
            try {
                Object v = DagJson.decode(b);
                DagJson.encode(v); // whatever decodes must encode
            } catch (CodecException expected) {
                // the declared failure
            }
        }
    }

    @Test
    void encodingEqualsIpldDagJsonAndItDecodesOurBytesToTheSameValues() {
        Random random = new Random(42);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            values.add(value(random, 0, false));
        }
        List<byte[]> reference = DagJsonReference.encode(values);
        List<byte[]> ours = values.stream().map(DagJson::encode).toList();
        assertThat(reference).hasSameSizeAs(values);
        for (int i = 0; i < values.size(); i++) {
            assertThat(new String(ours.get(i), StandardCharsets.UTF_8))
                    .isEqualTo(new String(reference.get(i), StandardCharsets.UTF_8));
        }
        List<byte[]> decoded = DagJsonReference.decodeToCbor(ours);
        for (int i = 0; i < values.size(); i++) {
            assertThat(decoded.get(i)).isEqualTo(DagCbor.encode(values.get(i)));
        }
    }

    /**
     * A random data-model value. With {@code anyFloat} false, floats are never safe integers (which
     * JavaScript cannot tell from integers) and keys stay below U+D800 (where UTF-16 order, which
     * JavaScript sorts by, equals UTF-8 byte order).
     */
    private static Object value(Random r, int depth, boolean anyFloat) {
        int kind = r.nextInt(depth > 3 ? 8 : 10);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> switch (r.nextInt(4)) {
                case 0 -> (long) r.nextInt(100);
                case 1 -> r.nextLong();
                case 2 -> r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                default -> new BigInteger(64, r).negate().subtract(r.nextBoolean() ? BigInteger.ONE : BigInteger.ZERO)
                        .abs().multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1))
                        .max(BigInteger.ONE.shiftLeft(64).negate()).min(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
            };
            case 3 -> {
                double d = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(50) - 25);
                if (!anyFloat && d == Math.rint(d) && Math.abs(d) < 9007199254740992.0) {
                    d = r.nextDouble() + 0.1; // never integral
                }
                yield d;
            }
            case 4, 5 -> string(r, true);
            case 6 -> {
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                yield b;
            }
            case 7 -> CIDS.get(r.nextInt(CIDS.size()));
            case 8 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(value(r, depth + 1, anyFloat));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    String k = string(r, anyFloat);
                    if (!k.equals("/")) {
                        m.put(k, value(r, depth + 1, anyFloat));
                    }
                }
                yield m;
            }
        };
    }

    private static String string(Random r, boolean supplementary) {
        String alphabet = "ab/\"\\\n\t\u0001\u001f\u007féЖ€\u2028";
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            if (supplementary && r.nextInt(10) == 0) {
                b.appendCodePoint(0x1F600 + r.nextInt(50));
            } else {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }
}
