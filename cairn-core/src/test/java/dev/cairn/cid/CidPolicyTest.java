package dev.cairn.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.UnsupportedCodecException;
import dev.cairn.multiformats.UnsupportedHashException;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** CIDs written by js-multiformats, run through the standard policy. */
class CidPolicyTest {
    private final CidPolicy policy = CidPolicy.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
        "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
        "bafyreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
        "baguqeeravfejatzpb5dzxd4bs5uuwmayjmgs5uobzuvb5qh3qxjjtimsurdq",
        "bagaaieravfejatzpb5dzxd4bs5uuwmayjmgs5uobzuvb5qh3qxjjtimsurdq",
        "bafireifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
        "k51qzi5t0l4yioe48rdkrnle71f20fa2mi73j6110dcl77m60zc1vv1wxkgxs7",
        "bafkrgqg3hf2ks7zea634vynomn6aamdipiizcmtu2v4esjky4oobnqax32covtoiyyx6gtxe4evuwfbiqf7qtnvcoygd7ctgjtvostjegsszg",
        "bafkqaaa",
        "bafyaabakaieac",
    })
    void supportedHashesAndCodecsAreAllowed(String text) {
        Cid cid = Cid.parse(text);
        assertThat(policy.check(cid)).isSameAs(cid);
        assertThat(policy.allows(cid)).isTrue();
    }

    @Test
    void identityOf128BytesIsAllowed() {
        Cid cid = Cid.parse("bafkqbaab" + "ifaucqkb".repeat(25) + "ifauc");
        assertThat(policy.allows(cid)).isTrue();
    }

    @Test
    void unsupportedHashFunctionsAreRefusedByName() {
        Cid blake = Cid.parse("bafk2bzaceaaqcaibaeaqcaibaeaqcaibaeaqcaibaeaqcaibaeaqcaibaeaqc");
        assertThatThrownBy(() -> policy.check(blake)).isInstanceOf(UnsupportedHashException.class)
                .hasMessageContaining("0xb220").hasMessageContaining("accepted: identity, sha2-256, sha2-512")
                .satisfies(e -> assertThat(((UnsupportedHashException) e).code()).isEqualTo(0xb220));
        Cid sha1 = Cid.parse("bafkrcfabaeaqcaibaeaqcaibaeaqcaibaeaqcai");
        assertThat(policy.allows(sha1)).isFalse();
    }

    @Test
    void knownButDisallowedHashesAreRefusedToo() {
        Cid murmur = Cid.v1(Multicodec.RAW, Multihash.of(Multicodec.MURMUR3_X64_64.code(), new byte[20]));
        assertThatThrownBy(() -> policy.check(murmur)).isInstanceOf(UnsupportedHashException.class)
                .hasMessageContaining("murmur3-x64-64");
    }

    @Test
    void cryptographicDigestsShorterThan20BytesAreRefused() {
        Multihash shortSha512Code = Multihash.of(0x11, new byte[19]); // sha1 code, 19 bytes
        CidPolicy withSha1 = CidPolicy.of(EnumSet.of(Multicodec.IDENTITY, Multicodec.SHA2_256),
                EnumSet.of(Multicodec.RAW));
        assertThat(withSha1.allows(Cid.v1(Multicodec.RAW, shortSha512Code))).isFalse();
        Multihash shortIdentity = Multihash.of(Multicodec.IDENTITY.code(), new byte[0]);
        assertThat(policy.allows(Cid.v1(Multicodec.RAW, shortIdentity))).isTrue();
    }

    @Test
    void digestBoundsApplyToEveryAllowedHash() {
        CidPolicy murmurToo = CidPolicy.of(EnumSet.of(Multicodec.MURMUR3_X64_64), EnumSet.of(Multicodec.RAW));
        Cid eightBytes = Cid.v1(Multicodec.RAW, Multihash.of(Multicodec.MURMUR3_X64_64.code(), new byte[8]));
        assertThatThrownBy(() -> murmurToo.check(eightBytes)).isInstanceOf(UnsupportedHashException.class)
                .hasMessageContaining("8-byte murmur3-x64-64 digest; accepted lengths are 20..128");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "baf4bcfabaeaqcaibaeaqcaibaeaqcaibaeaqcai, 0x78",
        "bagbaieravfejatzpb5dzxd4bs5uuwmayjmgs5uobzuvb5qh3qxjjtimsurdq, car",
    })
    void unknownOrUnwalkableCodecsAreRefusedByName(String text, String name) {
        CidPolicy sha1Too = CidPolicy.of(EnumSet.of(Multicodec.SHA2_256, Multicodec.IDENTITY),
                EnumSet.of(Multicodec.RAW, Multicodec.DAG_PB));
        Cid cid = Cid.parse(text);
        if (cid.multihash().code() == Multicodec.SHA2_256.code()) {
            assertThatThrownBy(() -> sha1Too.check(cid)).isInstanceOf(UnsupportedCodecException.class)
                    .hasMessageContaining("codec " + name);
        }
        assertThat(policy.allows(cid)).isFalse();
    }

    @Test
    void codecRefusalCarriesTheCode() {
        Cid car = Cid.parse("bagbaieravfejatzpb5dzxd4bs5uuwmayjmgs5uobzuvb5qh3qxjjtimsurdq");
        assertThatThrownBy(() -> policy.check(car)).isInstanceOf(UnsupportedCodecException.class)
                .hasMessageContaining("uses codec car")
                .hasMessageContaining("accepted: cbor, raw, dag-pb, dag-cbor, libp2p-key, dag-json, json")
                .satisfies(e -> assertThat(((UnsupportedCodecException) e).codec()).isEqualTo(0x0202));
    }

    @Test
    void anEmptyPolicyIsAProgrammingError() {
        assertThatThrownBy(() -> CidPolicy.of(EnumSet.noneOf(Multicodec.class), EnumSet.of(Multicodec.RAW)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
