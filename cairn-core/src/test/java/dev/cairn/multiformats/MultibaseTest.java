package dev.cairn.multiformats;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.Fuzz;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multiformats/multibase {@code tests/*.csv} vectors for every base Cairn lists, plus the
 * malformed inputs a strict decoder must refuse.
 */
class MultibaseTest {
    /** basic.csv, leading_zero.csv, two_leading_zeros.csv and test1.csv, for our bases. */
    static Stream<Arguments> specVectors() {
        String yes = "yes mani !";
        String zero = "\0yes mani !";
        String twoZeros = "\0\0yes mani !";
        String dec = "Decentralize everything!!";
        return Stream.of(
                Arguments.of(yes, "base16", "f796573206d616e692021"),
                Arguments.of(yes, "base16upper", "F796573206D616E692021"),
                Arguments.of(yes, "base32", "bpfsxgidnmfxgsibb"),
                Arguments.of(yes, "base32upper", "BPFSXGIDNMFXGSIBB"),
                Arguments.of(yes, "base32pad", "cpfsxgidnmfxgsibb"),
                Arguments.of(yes, "base32padupper", "CPFSXGIDNMFXGSIBB"),
                Arguments.of(yes, "base36", "k2lcpzo5yikidynfl"),
                Arguments.of(yes, "base36upper", "K2LCPZO5YIKIDYNFL"),
                Arguments.of(yes, "base58btc", "z7paNL19xttacUY"),
                Arguments.of(yes, "base64", "meWVzIG1hbmkgIQ"),
                Arguments.of(yes, "base64pad", "MeWVzIG1hbmkgIQ=="),
                Arguments.of(yes, "base64url", "ueWVzIG1hbmkgIQ"),
                Arguments.of(yes, "base64urlpad", "UeWVzIG1hbmkgIQ=="),
                Arguments.of(zero, "base16", "f00796573206d616e692021"),
                Arguments.of(zero, "base16upper", "F00796573206D616E692021"),
                Arguments.of(zero, "base32", "bab4wk4zanvqw42jaee"),
                Arguments.of(zero, "base32upper", "BAB4WK4ZANVQW42JAEE"),
                Arguments.of(zero, "base32pad", "cab4wk4zanvqw42jaee======"),
                Arguments.of(zero, "base32padupper", "CAB4WK4ZANVQW42JAEE======"),
                Arguments.of(zero, "base36", "k02lcpzo5yikidynfl"),
                Arguments.of(zero, "base36upper", "K02LCPZO5YIKIDYNFL"),
                Arguments.of(zero, "base58btc", "z17paNL19xttacUY"),
                Arguments.of(zero, "base64", "mAHllcyBtYW5pICE"),
                Arguments.of(zero, "base64pad", "MAHllcyBtYW5pICE="),
                Arguments.of(zero, "base64url", "uAHllcyBtYW5pICE"),
                Arguments.of(zero, "base64urlpad", "UAHllcyBtYW5pICE="),
                Arguments.of(twoZeros, "base16", "f0000796573206d616e692021"),
                Arguments.of(twoZeros, "base16upper", "F0000796573206D616E692021"),
                Arguments.of(twoZeros, "base32", "baaahszltebwwc3tjeaqq"),
                Arguments.of(twoZeros, "base32upper", "BAAAHSZLTEBWWC3TJEAQQ"),
                Arguments.of(twoZeros, "base32pad", "caaahszltebwwc3tjeaqq===="),
                Arguments.of(twoZeros, "base32padupper", "CAAAHSZLTEBWWC3TJEAQQ===="),
                Arguments.of(twoZeros, "base36", "k002lcpzo5yikidynfl"),
                Arguments.of(twoZeros, "base36upper", "K002LCPZO5YIKIDYNFL"),
                Arguments.of(twoZeros, "base58btc", "z117paNL19xttacUY"),
                Arguments.of(twoZeros, "base64", "mAAB5ZXMgbWFuaSAh"),
                Arguments.of(twoZeros, "base64pad", "MAAB5ZXMgbWFuaSAh"),
                Arguments.of(twoZeros, "base64url", "uAAB5ZXMgbWFuaSAh"),
                Arguments.of(twoZeros, "base64urlpad", "UAAB5ZXMgbWFuaSAh"),
                Arguments.of(dec, "base16", "f446563656e7472616c697a652065766572797468696e672121"),
                Arguments.of(dec, "base32", "birswgzloorzgc3djpjssazlwmvzhs5dinfxgoijb"),
                Arguments.of(dec, "base36", "k343ixo7d49hqj1ium15pgy1wzww5fxrid21td7l"),
                Arguments.of(dec, "base58btc", "zUXE7GvtEk8XTXs1GF8HSGbVA9FCX9SEBPe"),
                Arguments.of(dec, "base64pad", "MRGVjZW50cmFsaXplIGV2ZXJ5dGhpbmchIQ=="),
                Arguments.of(dec, "base64urlpad", "URGVjZW50cmFsaXplIGV2ZXJ5dGhpbmchIQ=="));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("specVectors")
    void specVectorsEncodeAndDecode(String input, String base, String expected) {
        byte[] bytes = input.getBytes(ISO_8859_1);
        Multibase mb = Multibase.byName(base);
        assertThat(mb.encode(bytes)).isEqualTo(expected);
        assertThat(Multibase.decode(expected)).isEqualTo(bytes);
        assertThat(Multibase.byPrefix(expected.charAt(0))).isEqualTo(mb);
    }

    /** case_insensitivity.csv: "differently cased than expected, must decode without errors". */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "f68656c6c6f20776F726C64",
        "F68656c6c6f20776F726C64",
        "bnbswy3dpeB3W64TMMQ",
        "Bnbswy3dpeB3W64TMMQ",
        "cnbswy3dpeB3W64TMMQ======",
        "Cnbswy3dpeB3W64TMMQ======",
        "kfUvrsIvVnfRbjWaJo",
        "KfUVrSIVVnFRbJWAJo",
    })
    void mixedCaseDecodesInTheCaseInsensitiveBasesAsTheSpecVectorsRequire(String text) {
        assertThat(new String(Multibase.decode(text), ISO_8859_1)).isEqualTo("hello world");
    }

    @Test
    void nonAsciiLookalikesAreNotFoldedIntoTheAlphabet() {
        // U+212A KELVIN SIGN lower-cases to ASCII 'k' and U+0130 to "i" + a combining dot: neither
        // may pass for an alphabet letter, or one CID would have unboundedly many spellings.
        assertThatThrownBy(() -> Multibase.decode("bnbswy3dpeb3w64tmm\u212A"))
                .isInstanceOf(CodecException.class).hasMessageContaining("U+212A");
        assertThatThrownBy(() -> Multibase.decode("k\u212Afuvrsivvnfrbjwajo"))
                .isInstanceOf(CodecException.class).hasMessageContaining("U+212A");
        assertThatThrownBy(() -> Multibase.decode("b\u0130nbswy3dpeb3w64tmm"))
                .isInstanceOf(CodecException.class).hasMessageContaining("U+0130");
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "x1234|unknown multibase prefix 'x'",
        "Z7Pznk19XTTzBtx|unknown multibase prefix 'Z'",
        "vf5in683dc5n6i811|unknown multibase prefix 'v'",
        "f79657|odd length",
        "f7965g3|invalid base16 character 'g' at index 4",
        "bpfsxgidnmfxgsib1|invalid base32 character '1'",
        "bpfsxgidnmfxgsibb==|invalid base32 character '='",
        "cpfsxgidnmfxgsibb=|not a multiple of 8",
        "cab4wk4zanvqw42jaee=======|not a multiple of 8",
        "caaaaaaaa========|too much base32 padding",
        "ca=======|too much base32 padding",
        "caaa=====|impossible length",
        "ba|impossible length",
        "baaa|impossible length",
        "bab|non-zero trailing bits",
        "bah|non-zero trailing bits",
        "z7paNL19xttacU0|invalid base58btc character '0'",
        "z7paNL19xttacUl|invalid base58btc character 'l'",
        "k2lcpzo5yikidyn-|invalid base36 character '-'",
        "meWVzIG1hbmkgIQ==|invalid base64 character '='",
        "MeWVzIG1hbmkgIQ|not a multiple of 4",
        "MeWVzIG1hbmkgIQ=a|invalid base64",
        "meWVzIG1hbmkgIR|not canonical",
        "ueWVzIG1hbmkgI+|invalid base64url character '+'",
        "meWVzIG1hbmkgI_|invalid base64 character '_'",
        "mA|impossible length",
        "MAHllcyBtYW5pICE==|not a multiple of 4",
    })
    void malformedTextIsRejectedWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> Multibase.decode(text))
                .isInstanceOf(CodecException.class).hasMessageContaining(message);
    }

    @Test
    void nullIsRejectedAsEmpty() {
        assertThatThrownBy(() -> Multibase.decode(null)).isInstanceOf(CodecException.class);
    }

    @Test
    void emptyBytesHaveAnEmptyBodyInEveryBase() {
        for (Multibase mb : Multibase.values()) {
            assertThat(mb.encode(new byte[0])).isEqualTo(String.valueOf(mb.prefix()));
            assertThat(Multibase.decode(String.valueOf(mb.prefix()))).isEmpty();
        }
    }

    @Test
    void randomBytesRoundTripInEveryBaseAndHaveOneSpellingPerCase() {
        long seed = Fuzz.seed(0x5eed_0101L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            byte[] data = Fuzz.randomBytes(rnd, 48);
            if (rnd.nextInt(4) == 0 && data.length > 0) {
                Arrays.fill(data, 0, rnd.nextInt(data.length) + 1, (byte) 0);
            }
            for (Multibase mb : Multibase.values()) {
                String text = mb.encode(data);
                assertThat(Multibase.decode(text)).as("seed %d, %s, %s", seed, mb, text).isEqualTo(data);
            }
        }
    }

    @Test
    void base36AndBase58AreTheNumbersBigIntegerArithmeticGives() {
        String b58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        long seed = Fuzz.seed(0x5eed_0103L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] data = Fuzz.randomBytes(rnd, 64);
            int zeros = rnd.nextInt(3) == 0 ? rnd.nextInt(4) : 0;
            Arrays.fill(data, 0, Math.min(zeros, data.length), (byte) 0);
            int leading = 0;
            while (leading < data.length && data[leading] == 0) {
                leading++;
            }
            java.math.BigInteger n = new java.math.BigInteger(1, data);
            String base36 = "0".repeat(leading) + (n.signum() == 0 ? "" : n.toString(36));
            StringBuilder base58 = new StringBuilder();
            for (java.math.BigInteger m = n; m.signum() > 0; m = m.divide(java.math.BigInteger.valueOf(58))) {
                base58.append(b58.charAt(m.mod(java.math.BigInteger.valueOf(58)).intValue()));
            }
            base58.append("1".repeat(leading));
            String expected58 = base58.reverse().toString();

            assertThat(Multibase.BASE36.encode(data)).as("seed %d", seed).isEqualTo("k" + base36);
            assertThat(Multibase.BASE58BTC.encode(data)).as("seed %d", seed).isEqualTo("z" + expected58);
            assertThat(Multibase.decode("k" + base36)).as("seed %d", seed).isEqualTo(data);
            assertThat(Multibase.decode("z" + expected58)).as("seed %d", seed).isEqualTo(data);
        }
    }

    @Test
    void randomAndMutatedTextOnlyEverFailsWithCodecException() {
        long seed = Fuzz.seed(0x5eed_0102L);
        Random rnd = new Random(seed);
        Multibase[] all = Multibase.values();
        for (int i = 0; i < 20_000; i++) {
            Multibase mb = all[rnd.nextInt(all.length)];
            String valid = mb.encode(Fuzz.randomBytes(rnd, 40));
            String input = Fuzz.mutate(rnd, valid);
            Fuzz.expectOnlyCodecException(seed, i, input, t -> {
                byte[] decoded = Multibase.decode(t);
                // Anything that decodes re-encodes to the same text, up to letter case.
                Multibase base = Multibase.byPrefix(t.charAt(0));
                assertThat(base.encode(decoded)).isEqualToIgnoringCase(t);
            });
        }
    }
}
