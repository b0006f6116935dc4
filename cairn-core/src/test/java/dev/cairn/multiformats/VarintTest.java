package dev.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.Fuzz;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors from the multiformats/unsigned-varint README (and 2^63-1, its 9-byte maximum). */
class VarintTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0, 00",
        "1, 01",
        "127, 7f",
        "128, 8001",
        "255, ff01",
        "300, ac02",
        "16384, 808001",
        "9007199254740991, ffffffffffffff0f",
        "9223372036854775807, ffffffffffffffff7f",
    })
    void specExamplesEncodeAndDecode(long value, String encoded) {
        assertThat(HexFormat.of().formatHex(Varint.encode(value))).isEqualTo(encoded);
        assertThat(Varint.size(value)).isEqualTo(encoded.length() / 2);
        ByteBuffer buf = ByteBuffer.wrap(hex(encoded));
        assertThat(Varint.read(buf)).isEqualTo(value);
        assertThat(buf.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8000", "8100", "ff00", "808000", "ffffffffffffffff00"})
    void nonMinimalEncodingsAreRejected(String encoded) {
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(hex(encoded))))
                .isInstanceOf(CodecException.class).hasMessageContaining("not minimally encoded");
    }

    @Test
    void tenByteVarintsAreRejectedAsOverLong() {
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(hex("ffffffffffffffffff01"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("longer than 9 bytes");
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(hex("80808080808080808001"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("longer than 9 bytes");
    }

    @Test
    void truncatedVarintsAreRejected() {
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(new byte[0])))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(hex("ff"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated");
    }

    @Test
    void negativeValuesCannotBeEncoded() {
        assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamReadSignalsCleanEndAndTruncation() throws Exception {
        assertThat(Varint.read(new ByteArrayInputStream(new byte[0]))).isEqualTo(-1);
        assertThat(Varint.read(new ByteArrayInputStream(hex("ac02")))).isEqualTo(300);
        assertThatThrownBy(() -> Varint.read(new ByteArrayInputStream(hex("ac"))))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Varint.read(new ByteArrayInputStream(hex("8000"))))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void randomValuesRoundTripThroughEveryWriter() {
        long seed = Fuzz.seed(0x5eed_0001L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long v = rnd.nextLong() >>> (1 + rnd.nextInt(63));
            byte[] a = Varint.encode(v);
            ByteBuffer bb = ByteBuffer.allocate(Varint.MAX_BYTES);
            Varint.write(v, bb);
            byte[] c = new byte[Varint.MAX_BYTES + 3];
            int end = Varint.write(v, c, 3);
            assertThat(bb.position()).as("seed %d value %d", seed, v).isEqualTo(a.length);
            assertThat(end - 3).as("seed %d value %d", seed, v).isEqualTo(a.length);
            assertThat(Varint.read(ByteBuffer.wrap(a))).as("seed %d value %d", seed, v).isEqualTo(v);
            assertThat(Varint.read(c, 3)).as("seed %d value %d", seed, v).isEqualTo(v);
        }
    }

    @Test
    void randomAndMutatedBytesOnlyEverFailWithCodecException() {
        long seed = Fuzz.seed(0x5eed_0002L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 2 == 0 ? Fuzz.randomBytes(rnd, 12)
                    : Fuzz.mutate(rnd, Varint.encode(rnd.nextLong() >>> (1 + rnd.nextInt(63))));
            Fuzz.expectOnlyCodecException(seed, i, input, b -> {
                ByteBuffer buf = ByteBuffer.wrap(b);
                long v = Varint.read(buf);
                // whatever decodes must be the one canonical encoding of its value
                assertThat(Varint.encode(v)).isEqualTo(java.util.Arrays.copyOf(b, buf.position()));
            });
        }
    }
}
