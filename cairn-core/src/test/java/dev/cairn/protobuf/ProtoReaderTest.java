package dev.cairn.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.multiformats.CodecException;
import dev.cairn.testing.Fuzz;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoReaderTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    /** Drains a message field by field, skipping every value. */
    private static int drain(byte[] b) {
        ProtoReader r = new ProtoReader(b);
        int n = 0;
        while (r.next()) {
            r.skip();
            n++;
        }
        return n;
    }

    @Test
    void readsEveryWireTypeWrittenByTheWriter() {
        byte[] msg = new ProtoWriter().uint64(1, 150).bytes(2, new byte[] {1, 2}).string(3, "é")
                .fixed32(4, 0xdeadbeef).fixed64(5, -2L).uint64(536_870_911, -1L).toByteArray();
        // protobuf's own example: field 1 = 150 is 08 96 01
        assertThat(HexFormat.of().formatHex(msg)).startsWith("089601" + "12020102" + "1a02c3a9");
        ProtoReader r = new ProtoReader(msg);
        assertThat(r.next()).isTrue();
        assertThat(r.uint64()).isEqualTo(150);
        assertThat(r.next()).isTrue();
        assertThat(r.bytes()).containsExactly(1, 2);
        assertThat(r.next()).isTrue();
        assertThat(r.string()).isEqualTo("é");
        assertThat(r.next()).isTrue();
        assertThat(r.fixed32()).isEqualTo(0xdeadbeef);
        assertThat(r.next()).isTrue();
        assertThat(r.fixed64()).isEqualTo(-2L);
        assertThat(r.next()).isTrue();
        assertThat(r.field()).isEqualTo(536_870_911);
        assertThat(r.uint64()).isEqualTo(-1L);
        assertThat(r.next()).isFalse();
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void sizeHelpersAgreeWithTheWriter() {
        assertThat(ProtoWriter.uint64Size(3, 300)).isEqualTo(new ProtoWriter().uint64(3, 300).size());
        assertThat(ProtoWriter.uint64Size(3, -1)).isEqualTo(new ProtoWriter().uint64(3, -1).size());
        assertThat(ProtoWriter.lengthDelimitedSize(2, 200)).isEqualTo(new ProtoWriter().bytes(2, new byte[200]).size());
    }

    @Test
    void lengthAbove2To63IsRejectedNotReadAsNegative() {
        // Regression: len = -1 passed "len > end - pos", moved the cursor backwards and
        // bytes() threw NegativeArraySizeException instead of CodecException.
        ProtoReader r = new ProtoReader(hex("0affffffffffffffffff01"));
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::bytes).isInstanceOf(CodecException.class)
                .hasMessageContaining("length 18446744073709551615 runs past the end");
        assertThatThrownBy(() -> drain(hex("12ffffffffffffffff7f"))).isInstanceOf(CodecException.class);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "00|invalid protobuf field number 0",
        "0b|unsupported protobuf wire type 3",
        "0c|unsupported protobuf wire type 4",
        "0e|unsupported protobuf wire type 6",
        "0f|unsupported protobuf wire type 7",
        "08|truncated protobuf varint",
        "08ff|truncated protobuf varint",
        "08ffffffffffffffffff02|overflows 64 bits",
        "08ffffffffffffffffffff01|overflows 64 bits",
        "0d000000|truncated fixed32",
        "0900000000000000|truncated fixed64",
        "0a05000102|runs past the end",
        "ffffffffffffffff7f|invalid protobuf field number",
    })
    void malformedMessagesAreRejected(String hex, String message) {
        assertThatThrownBy(() -> drain(hex(hex))).isInstanceOf(CodecException.class).hasMessageContaining(message);
    }

    @Test
    void wireTypeMismatchIsRejected() {
        ProtoReader r = new ProtoReader(hex("0801"));
        r.next();
        assertThatThrownBy(r::bytes).isInstanceOf(CodecException.class).hasMessageContaining("expected 2");
    }

    @Test
    void invalidUtf8StringsAreRejected() {
        ProtoReader r = new ProtoReader(hex("0a02c328"));
        r.next();
        assertThatThrownBy(r::string).isInstanceOf(CodecException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void readerStaysInsideItsWindow() {
        byte[] buf = hex("ff" + "0801" + "ff");
        ProtoReader r = new ProtoReader(buf, 1, 2);
        assertThat(r.next()).isTrue();
        assertThat(r.uint64()).isEqualTo(1);
        assertThat(r.next()).isFalse();
    }

    @Test
    void randomAndMutatedMessagesOnlyEverFailWithCodecException() {
        long seed = Fuzz.seed(0x5eed_0401L);
        Random rnd = new Random(seed);
        byte[] valid = new ProtoWriter().uint64(1, 150).bytes(2, new byte[] {1, 2}).string(3, "abc")
                .fixed32(4, 7).fixed64(5, 9).toByteArray();
        for (int i = 0; i < 30_000; i++) {
            byte[] input = i % 2 == 0 ? Fuzz.randomBytes(rnd, 40) : Fuzz.mutate(rnd, valid);
            Fuzz.expectOnlyCodecException(seed, i, input, b -> {
                drain(b);
                ProtoReader r = new ProtoReader(b);
                while (r.next()) {
                    switch (r.wireType()) {
                        case ProtoReader.LEN -> r.string();
                        case ProtoReader.VARINT -> r.uint64();
                        case ProtoReader.FIXED32 -> r.fixed32();
                        default -> r.fixed64();
                    }
                }
            });
        }
    }

    @Test
    void randomFieldsRoundTripThroughWriterAndReader() {
        long seed = Fuzz.seed(0x5eed_0402L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            long v = rnd.nextLong() >>> rnd.nextInt(64);
            byte[] bytes = Fuzz.randomBytes(rnd, 20);
            int field = 1 + rnd.nextInt(536_870_911);
            byte[] msg = new ProtoWriter().uint64(field, v).bytes(field, bytes).fixed64(1, v).fixed32(2, (int) v)
                    .toByteArray();
            ProtoReader r = new ProtoReader(msg);
            r.next();
            assertThat(r.field()).as("seed %d", seed).isEqualTo(field);
            assertThat(r.uint64()).as("seed %d", seed).isEqualTo(v);
            r.next();
            assertThat(r.bytes()).as("seed %d", seed).isEqualTo(bytes);
            r.next();
            assertThat(r.fixed64()).isEqualTo(v);
            r.next();
            assertThat(r.fixed32()).isEqualTo((int) v);
            assertThat(r.next()).isFalse();
        }
    }
}
