package dev.cairn.multiformats;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.Fuzz;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference digests: the sha2-256/512 multihashes js-multiformats computes for "hello world\n". */
class MultihashTest {
    private static final byte[] HELLO = "hello world\n".getBytes(US_ASCII);
    private static final String SHA256_HELLO =
            "1220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";
    private static final String SHA512_HELLO = "1340db3974a97f2407b7cae1ae637c0030687a11913274d578492558e39c16c0"
            + "17de84eacdc8c62fe34ee4e12b4b1428817f09b6a2760c3f8a664ceae94d2434a593";

    @Test
    void sha256AndSha512MatchTheReferenceImplementation() {
        assertThat(Multihash.sha256(HELLO).toHex()).isEqualTo(SHA256_HELLO);
        assertThat(Multihash.digest(Multicodec.SHA2_512.code(), HELLO).toHex()).isEqualTo(SHA512_HELLO);
        assertThat(Multihash.fromHex(SHA256_HELLO).matches(HELLO)).isTrue();
        assertThat(Multihash.fromHex(SHA512_HELLO).matches(HELLO)).isTrue();
        assertThat(Multihash.fromHex(SHA256_HELLO).matches("hello world".getBytes(US_ASCII))).isFalse();
    }

    @Test
    void verifyThrowsOnMismatchedBytes() {
        Multihash mh = Multihash.fromHex(SHA256_HELLO);
        mh.verify(HELLO);
        assertThatThrownBy(() -> mh.verify(new byte[] {1})).isInstanceOf(CodecException.class)
                .hasMessageContaining("do not match");
    }

    @Test
    void identityDigestIsTheDataAndMatchesOnlyIt() {
        Multihash id = Multihash.digest(Multicodec.IDENTITY.code(), HELLO);
        assertThat(id.toHex()).isEqualTo("000c" + HexFormat.of().formatHex(HELLO));
        assertThat(id.matches(HELLO)).isTrue();
        assertThat(id.matches(new byte[0])).isFalse();
    }

    @Test
    void identityDigestsUpTo128BytesAreAcceptedAnd129AreNot() {
        byte[] a128 = new byte[128];
        java.util.Arrays.fill(a128, (byte) 'A');
        assertThat(Multihash.digest(Multicodec.IDENTITY.code(), a128).digestLength()).isEqualTo(128);
        assertThat(Multihash.fromHex("008001" + HexFormat.of().formatHex(a128)).digestLength()).isEqualTo(128);
        byte[] a129 = java.util.Arrays.copyOf(a128, 129);
        a129[128] = 'A';
        assertThatThrownBy(() -> Multihash.digest(Multicodec.IDENTITY.code(), a129))
                .isInstanceOf(CodecException.class).hasMessageContaining("129 bytes exceeds the limit of 128");
        assertThatThrownBy(() -> Multihash.fromHex("008101" + HexFormat.of().formatHex(a129)))
                .isInstanceOf(CodecException.class).hasMessageContaining("129 bytes exceeds the limit of 128");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|truncated varint",
        "12|truncated varint",
        "1220|truncated multihash: digest needs 32 bytes, 0 left",
        "1220a948|truncated multihash",
        "121fa948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a4|sha2-256 digest must be 32 bytes",
        "1320a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447|sha2-512 digest must be 64 bytes",
        "1220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a44700|1 trailing bytes",
        "12ff01|exceeds the limit of 128",
        "9280001f|not minimally encoded",
        "0080808080808080808001|longer than 9 bytes",
    })
    void malformedMultihashesAreRejected(String hex, String message) {
        assertThatThrownBy(() -> Multihash.fromBytes(HexFormat.of().parseHex(hex)))
                .isInstanceOf(CodecException.class).hasMessageContaining(message);
    }

    @Test
    void unknownHashFunctionsParseButCannotBeComputed() {
        Multihash blake = Multihash.fromHex("a0e40220" + "01".repeat(32));
        assertThat(blake.code()).isEqualTo(0xb220);
        assertThat(blake.isSupported()).isFalse();
        assertThatThrownBy(() -> blake.matches(HELLO)).isInstanceOf(UnsupportedHashException.class)
                .hasMessageContaining("0xb220");
    }

    @Test
    void readAdvancesPastOneMultihashOnly() {
        ByteBuffer buf = ByteBuffer.wrap(HexFormat.of().parseHex(SHA256_HELLO + "ff"));
        assertThat(Multihash.read(buf).toHex()).isEqualTo(SHA256_HELLO);
        assertThat(buf.remaining()).isEqualTo(1);
    }

    @Test
    void randomAndMutatedBytesOnlyEverFailWithCodecExceptionAndWhatParsesRoundTrips() {
        long seed = Fuzz.seed(0x5eed_0201L);
        Random rnd = new Random(seed);
        byte[][] valid = {
            HexFormat.of().parseHex(SHA256_HELLO), HexFormat.of().parseHex(SHA512_HELLO),
            Multihash.digest(Multicodec.IDENTITY.code(), HELLO).bytes(), HexFormat.of().parseHex("0000"),
        };
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 3 == 0 ? Fuzz.randomBytes(rnd, 80) : Fuzz.mutate(rnd, valid[rnd.nextInt(valid.length)]);
            Fuzz.expectOnlyCodecException(seed, i, input, b -> {
                Multihash mh = Multihash.fromBytes(b);
                assertThat(mh.bytes()).isEqualTo(b);
                assertThat(Multihash.of(mh.code(), mh.digest())).isEqualTo(mh);
            });
        }
    }
}
