package dev.cairn.dagcbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Varint;
import dev.cairn.testing.FixtureCars;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DagCborTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Cid RAW_EMPTY = Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    private static final Cid DIR_V0 = Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    /** Expected bytes come from @ipld/dag-cbor 10.0.2 (the JS reference implementation). */
    @Test
    void scalarsEncodeLikeTheJsReference() {
        Object[][] cases = {
            {0L, "00"}, {23L, "17"}, {24L, "1818"}, {255L, "18ff"}, {256L, "190100"}, {65535L, "19ffff"},
            {65536L, "1a00010000"}, {4294967296L, "1b0000000100000000"}, {-1L, "20"}, {-24L, "37"},
            {-25L, "3818"}, {-256L, "38ff"}, {-257L, "390100"},
            {new BigInteger("18446744073709551615"), "1bffffffffffffffff"},
            {new BigInteger("-18446744073709551616"), "3bffffffffffffffff"},
            {Long.MAX_VALUE, "1b7fffffffffffffff"}, {1.5, "fb3ff8000000000000"},
            {true, "f5"}, {false, "f4"}, {null, "f6"}, {"", "60"}, {"héllo", "6668c3a96c6c6f"},
        };
        for (Object[] c : cases) {
            assertThat(HEX.formatHex(DagCbor.encode(c[0]))).as("encode %s", c[0]).isEqualTo(c[1]);
            assertThat(DagCbor.decode(hex((String) c[1]))).as("decode %s", c[1]).isEqualTo(c[0]);
        }
        assertThat((byte[]) DagCbor.decode(hex("43010203"))).containsExactly(1, 2, 3);
        assertThat(DagCbor.encode(new byte[] {1, 2, 3})).isEqualTo(hex("43010203"));
    }

    @Test
    void mapsSortKeysLengthFirstLikeTheJsReference() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", null);
        inner.put("y", List.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("aa", 2L);
        m.put("a", 3L);
        m.put("ab", inner);
        byte[] expected = hex("a461610361620162616102626162a2617980617af6");
        assertThat(DagCbor.encode(m)).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) DagCbor.decode(expected);
        assertThat(back.keySet()).containsExactly("a", "b", "aa", "ab");
        assertThat(back).containsEntry("aa", 2L);
        assertThat(DagCbor.encode(List.of(1L, List.of(2L, 3L), "a"))).isEqualTo(hex("83018202036161"));
    }

    @Test
    void cidsAreTag42WithALeadingZeroAndAreListedAsLinksInEncounterOrder() {
        byte[] expected = hex("a3627630d82a582300122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef"
                + "646c696e6bd82a58250001551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                + "646c69737482d82a582300122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef"
                + "d82a58250001551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link", RAW_EMPTY);
        m.put("v0", DIR_V0);
        m.put("list", List.of(DIR_V0, RAW_EMPTY));
        assertThat(DagCbor.encode(m)).isEqualTo(expected);
        assertThat(DagCbor.decode(expected)).isEqualTo(Map.of("link", RAW_EMPTY, "v0", DIR_V0, "list", List.of(DIR_V0, RAW_EMPTY)));
        assertThat(DagCbor.links(expected)).containsExactly(DIR_V0, RAW_EMPTY, DIR_V0, RAW_EMPTY);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            9f01ff                 | indefinite array
            bfff                   | indefinite map
            5fff                   | indefinite byte string
            7fff                   | indefinite text string
            ff                     | lone break
            1817                   | 23 in a one-byte argument
            190017                 | small integer in two bytes
            1a0000ffff             | 16-bit value in four bytes
            1b00000000ffffffff     | 32-bit value in eight bytes
            380f                   | negative integer not minimal
            580100                 | byte string length not minimal
            780161                 | text string length not minimal
            a10101                 | integer map key
            a2616201616101         | keys out of bytewise order
            a262616101616202       | longer key before shorter key
            a2616101616102         | duplicate key
            c06130                 | tag 0
            d82b4100               | tag 43
            d9002a4400015500       | tag 42 not minimally encoded
            d82a6130               | tag 42 around a text string
            d82a450155000000       | tag 42 without the leading zero byte
            d82a4400015500ff       | tag 42 with trailing bytes after the byte string
            d82a43000155           | tag 42 around a truncated CID
            d82a4100               | tag 42 around an empty CID
            f7                     | undefined
            f0                     | unassigned simple value
            f820                   | one-byte simple value
            f93c00                 | half-precision float
            fa3fc00000             | single-precision float
            fb7ff8000000000000     | NaN
            fb7ff0000000000000     | positive infinity
            fbfff0000000000000     | negative infinity
            1c                     | reserved additional information 28
            1e                     | reserved additional information 30
            0000                   | trailing bytes
            1901                   | truncated argument
            43010 2                | truncated byte string
            5bffffffffffffffff     | byte string longer than the input
            9b7fffffffffffffff     | array count larger than the input
            bb0000000100000000     | map count larger than the input
            62c328                 | invalid UTF-8
            82                     | array with missing items
            """)
    void strictDecoderRejects(String hexInput, String why) {
        byte[] in = hex(hexInput);
        assertThatThrownBy(() -> DagCbor.decode(in)).as(why).isInstanceOf(CodecException.class);
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> DagCbor.decode(new byte[0])).isInstanceOf(CodecException.class);
    }

    @Test
    void nestingIsLimited() {
        byte[] ok = new byte[DagCbor.MAX_DEPTH + 1];
        java.util.Arrays.fill(ok, 0, DagCbor.MAX_DEPTH, (byte) 0x81);
        assertThat(DagCbor.decode(ok)).isInstanceOf(List.class);
        byte[] deep = new byte[DagCbor.MAX_DEPTH + 2];
        java.util.Arrays.fill(deep, 0, DagCbor.MAX_DEPTH + 1, (byte) 0x81);
        assertThatThrownBy(() -> DagCbor.decode(deep)).isInstanceOf(CodecException.class).hasMessageContaining("nesting");
    }

    @Test
    void encoderRefusesValuesOutsideTheDataModel() {
        assertThatThrownBy(() -> DagCbor.encode(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DagCbor.encode(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DagCbor.encode(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DagCbor.encode(BigInteger.ONE.shiftLeft(64))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Kubo wrote these headers and dag-cbor blocks: decoding then encoding must give the same bytes. */
    @Test
    void kuboHeadersAndDagCborBlocksReencodeByteForByte() throws IOException {
        int blocks = 0;
        for (Path car : FixtureCars.allCars()) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(Files.readAllBytes(car));
            int len = (int) Varint.read(buf);
            byte[] header = new byte[len];
            buf.get(header);
            assertThat(DagCbor.encode(DagCbor.decode(header))).as(car.toString()).isEqualTo(header);
            for (Block b : FixtureCars.blocks(car)) {
                if (b.cid().codec() == Multicodec.DAG_CBOR.code()) {
                    assertThat(DagCbor.encode(DagCbor.decode(b.data()))).as(b.cid().toString()).isEqualTo(b.data());
                    blocks++;
                }
            }
        }
        assertThat(blocks).isPositive();
    }

    /** Random values survive encode -> decode -> encode unchanged. */
    @Test
    void randomValuesRoundTrip() {
        long seed = System.nanoTime();
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < 2000; i++) {
            Object v = randomValue(rnd, 0);
            byte[] once = DagCbor.encode(v);
            byte[] twice = DagCbor.encode(DagCbor.decode(once));
            assertThat(twice).as("seed %d iteration %d", seed, i).isEqualTo(once);
        }
    }

    /**
     * Random and mutated bytes: the decoder may only throw CodecException, and whatever it accepts
     * must already be canonical (re-encoding gives the same bytes), or two byte strings would decode
     * to one value and CIDs would disagree.
     */
    @Test
    void fuzzedInputEitherFailsCleanlyOrIsCanonical() {
        long seed = System.nanoTime();
        java.util.Random rnd = new java.util.Random(seed);
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seeds.add(DagCbor.encode(randomValue(rnd, 0)));
        }
        int accepted = 0;
        for (int i = 0; i < 30000; i++) {
            byte[] in;
            if (i % 3 == 0) {
                in = new byte[rnd.nextInt(24)];
                rnd.nextBytes(in);
            } else {
                in = seeds.get(rnd.nextInt(seeds.size())).clone();
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips && in.length > 0; f++) {
                    in[rnd.nextInt(in.length)] = (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(4) == 0) {
                    in = java.util.Arrays.copyOf(in, rnd.nextInt(in.length + 1));
                }
            }
            try {
                Object v = DagCbor.decode(in);
                assertThat(DagCbor.encode(v)).as("seed %d iteration %d input %s", seed, i, HEX.formatHex(in)).isEqualTo(in);
                accepted++;
            } catch (CodecException expected) {
                // the one declared failure
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " iteration " + i + " input " + HEX.formatHex(in), e);
            }
        }
        assertThat(accepted).isPositive();
    }

    static Object randomValue(java.util.Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 4 ? 8 : 11);
        return switch (kind) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2 -> switch (rnd.nextInt(4)) {
                case 0 -> (long) rnd.nextInt(30) - 15;
                case 1 -> (long) rnd.nextInt();
                case 2 -> rnd.nextLong();
                default -> new BigInteger(64, rnd).add(BigInteger.valueOf(Long.MAX_VALUE)).add(BigInteger.ONE)
                        .min(new BigInteger("18446744073709551615")).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
            };
            case 3 -> rnd.nextDouble() * 1e6 - 5e5;
            case 4 -> randomString(rnd);
            case 5 -> {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                yield b;
            }
            case 6, 7 -> rnd.nextBoolean() ? RAW_EMPTY : Block.of(Multicodec.DAG_CBOR, new byte[] {(byte) rnd.nextInt()}).cid();
            case 8 -> {
                List<Object> l = new ArrayList<>();
                for (int i = rnd.nextInt(5); i > 0; i--) {
                    l.add(randomValue(rnd, depth + 1));
                }
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = rnd.nextInt(5); i > 0; i--) {
                    m.put(randomString(rnd), randomValue(rnd, depth + 1));
                }
                yield m;
            }
        };
    }

    private static String randomString(java.util.Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            sb.appendCodePoint(rnd.nextInt(10) == 0 ? 0x4e00 + rnd.nextInt(100) : 'a' + rnd.nextInt(4));
        }
        return sb.toString();
    }
}
