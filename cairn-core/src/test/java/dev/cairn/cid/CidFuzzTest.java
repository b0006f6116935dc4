package dev.cairn.cid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.multiformats.Multibase;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.testing.Fuzz;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzzing of CID parsing; the only allowed failure is CodecException. */
class CidFuzzTest {
    private static final List<String> VALID = List.of(
            "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn",
            "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
            "k51qzi5t0l4yioe48rdkrnle71f20fa2mi73j6110dcl77m60zc1vv1wxkgxs7",
            "bafkqaaa",
            "bafyaabakaieac",
            "zdj7WbTaiJT1fgatdet9Ei9iDB5hdCxkbVyhyh8YTUnXMiwYi",
            "f0170122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef",
            "mAXASIFmUhDkGXylhnvQSgMu5Mr5SxW2ZxZZrZeAREjnwmLvv",
            "cafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354======");

    @Test
    void mutatedCidTextOnlyEverFailsWithCodecExceptionAndWhatParsesRoundTrips() {
        long seed = Fuzz.seed(0x5eed_0301L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String input = Fuzz.mutate(rnd, Fuzz.pick(rnd, VALID));
            Fuzz.expectOnlyCodecException(seed, i, input, t -> {
                Cid cid = Cid.parse(t);
                assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
                if (cid.version() == 0) {
                    assertThat(cid.toString()).isEqualTo(t);
                } else {
                    assertThat(cid.toString(Multibase.byPrefix(t.charAt(0)))).isEqualToIgnoringCase(t);
                }
            });
        }
    }

    @Test
    void randomAndMutatedCidBytesOnlyEverFailWithCodecException() {
        long seed = Fuzz.seed(0x5eed_0302L);
        Random rnd = new Random(seed);
        List<byte[]> valid = VALID.stream().map(s -> Cid.parse(s).bytes()).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 4 == 0 ? Fuzz.randomBytes(rnd, 48) : Fuzz.mutate(rnd, Fuzz.pick(rnd, valid));
            Fuzz.expectOnlyCodecException(seed, i, input, b -> {
                Cid cid = Cid.fromBytes(b);
                assertThat(cid.bytes()).isEqualTo(b);
                CidPolicy.standard().allows(cid);
            });
        }
    }

    @Test
    void randomValidCidsRoundTripThroughBytesAndEveryBase() {
        long seed = Fuzz.seed(0x5eed_0303L);
        Random rnd = new Random(seed);
        Multicodec[] codecs = {Multicodec.RAW, Multicodec.DAG_PB, Multicodec.DAG_CBOR, Multicodec.LIBP2P_KEY,
            Multicodec.DAG_JSON, Multicodec.JSON};
        for (int i = 0; i < 2_000; i++) {
            byte[] data = Fuzz.randomBytes(rnd, 128);
            long hash = switch (rnd.nextInt(3)) {
                case 0 -> Multicodec.IDENTITY.code();
                case 1 -> Multicodec.SHA2_256.code();
                default -> Multicodec.SHA2_512.code();
            };
            Cid cid = Cid.v1(codecs[rnd.nextInt(codecs.length)], Multihash.digest(hash, data));
            assertThat(Cid.fromBytes(cid.bytes())).as("seed %d", seed).isEqualTo(cid);
            for (Multibase base : Multibase.values()) {
                assertThat(Cid.parse(cid.toString(base))).as("seed %d %s", seed, base).isEqualTo(cid);
            }
            assertThat(CidPolicy.standard().allows(cid)).isTrue();
            if (cid.codec() == Multicodec.DAG_PB.code() && hash == Multicodec.SHA2_256.code()) {
                assertThat(Cid.parse(cid.toV0().toString())).isEqualTo(cid.toV0());
            }
        }
    }
}
