package dev.cairn.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference values are independent of Cairn:
 * <ul>
 *   <li>libp2p/specs peer-ids/peer-ids.md "Test vectors": the Ed25519 {@code PrivateKey} protobuf
 *       {@code 080112407e08...} and its {@code PublicKey} protobuf {@code 080112201ed1...};</li>
 *   <li>libp2p/specs http/peer-id-auth.md, "Complete Server Initiated Handshake Example" (generated
 *       by go-libp2p): client private key with seed {@code 02 * 32}, public key {@code 8139770e...},
 *       and its peer ID {@code 12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq} (inside the
 *       bearer token);</li>
 *   <li>the base36 CID forms and the second peer ID were computed with js-libp2p
 *       ({@code @libp2p/peer-id} {@code peerIdFromPublicKey(..).toCID().toString(base36)}), which
 *       also reproduces the go-libp2p peer ID above.</li>
 * </ul>
 */
class IdentityTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final String SPEC_PRIVATE =
            "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
                    + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_PUBLIC = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private static final String SPEC_PEER_ID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";
    private static final String SPEC_BASE36 = "k51qzi5uqu5dgy8qsq67hbz73jqkw87l3fgf4a91qb0d9b5173tir7n4vxk1oe";

    private static final String AUTH_PUBLIC = "080112208139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394";
    private static final String AUTH_PEER_ID = "12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq";
    private static final String AUTH_BASE36 = "k51qzi5uqu5djejcj9das04p3wen7mowcz0z5iq3tw0yxaa8ko01odjley7fdg";

    @Test
    void specPrivateKeyProtobufYieldsTheSpecPublicKeyAndPeerId() {
        Identity identity = Identity.fromPrivateKeyProtobuf(HEX.parseHex(SPEC_PRIVATE));

        assertThat(HEX.formatHex(identity.publicKeyProtobuf())).isEqualTo(SPEC_PUBLIC);
        assertThat(identity.peerId().toString()).isEqualTo(SPEC_PEER_ID);
        assertThat(identity.peerId().toBase36()).isEqualTo(SPEC_BASE36);
        assertThat(HEX.formatHex(identity.privateKeyProtobuf())).isEqualTo(SPEC_PRIVATE);
    }

    @Test
    void seedOfTwosDerivesTheGoLibp2pPublicKeyAndPeerId() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 2);

        Identity identity = Identity.fromSeed(seed);

        assertThat(HEX.formatHex(identity.publicKeyProtobuf())).isEqualTo(AUTH_PUBLIC);
        assertThat(identity.peerId().toString()).isEqualTo(AUTH_PEER_ID);
        assertThat(identity.peerId().toBase36()).isEqualTo(AUTH_BASE36);
        assertThat(identity.publicKeyBase64()).isEqualTo("CAESIIE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1uPybOU");
    }

    @Test
    void peerIdOfAPublicKeyProtobufIsItsIdentityMultihash() {
        PeerId id = PeerId.fromPublicKey(HEX.parseHex(AUTH_PUBLIC));

        assertThat(id.toString()).isEqualTo(AUTH_PEER_ID);
        assertThat(id.multihash().isIdentity()).isTrue();
    }

    @Test
    void bothTextFormsParseToTheSamePeerId() {
        PeerId fromBase58 = PeerId.parse(SPEC_PEER_ID);
        PeerId fromBase36 = PeerId.parse(SPEC_BASE36);

        assertThat(fromBase58).isEqualTo(fromBase36);
        assertThat(fromBase58.toString()).isEqualTo(SPEC_PEER_ID);
    }

    @Test
    void aCidThatIsNotALibp2pKeyIsNotAPeerId() {
        assertThatThrownBy(() -> PeerId.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"))
                .hasMessageContaining("not a libp2p-key");
    }

    @Test
    void generatedIdentitiesAreEd25519PeerIdsThatSurviveARoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            Identity identity = Identity.fromSeed(seed);

            Identity reloaded = Identity.fromPrivateKeyProtobuf(identity.privateKeyProtobuf());

            assertThat(identity.peerId().toString()).as("seed %s", HEX.formatHex(seed)).startsWith("12D3KooW");
            assertThat(identity.peerId().toBase36()).startsWith("k51qzi5uqu5d");
            assertThat(reloaded.peerId()).isEqualTo(identity.peerId());
        }
    }

    @Test
    void signaturesVerifyWithTheJdkAgainstTheRawPublicKey() throws Exception {
        Identity identity = Identity.fromPrivateKeyProtobuf(HEX.parseHex(SPEC_PRIVATE));
        byte[] message = "cairn".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        byte[] x509 = HEX.parseHex("302a300506032b6570032100" + HEX.formatHex(identity.rawPublicKey()));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        verifier.update(message);

        assertThat(verifier.verify(identity.sign(message))).isTrue();
    }

    @Test
    void legacyNinetySixByteKeysLoadWhenBothPublicCopiesAgree() {
        String data = SPEC_PRIVATE.substring(8) + SPEC_PRIVATE.substring(8 + 64);
        Identity identity = Identity.fromPrivateKeyProtobuf(HEX.parseHex("08011260" + data));

        assertThat(identity.peerId().toString()).isEqualTo(SPEC_PEER_ID);
    }

    @Test
    void aKeyWhosePublicHalfDoesNotMatchItsSeedIsRejected() {
        byte[] key = HEX.parseHex(SPEC_PRIVATE);
        key[key.length - 1] ^= 1;

        assertThatThrownBy(() -> Identity.fromPrivateKeyProtobuf(key))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void nonEd25519KeysAreRejectedByName() {
        byte[] secp = HEX.parseHex("0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB");

        assertThatThrownBy(() -> Identity.fromPrivateKeyProtobuf(secp))
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining("SECP256K1");
    }

    @Test
    void randomAndMutatedKeyBytesFailOnlyWithIdentityException() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        byte[] valid = HEX.parseHex(SPEC_PRIVATE);
        for (int i = 0; i < 5_000; i++) {
            byte[] input;
            if (random.nextBoolean()) {
                input = new byte[random.nextInt(120)];
                random.nextBytes(input);
            } else {
                input = Arrays.copyOf(valid, Math.max(0, valid.length + random.nextInt(9) - 6));
                input[random.nextInt(Math.max(1, input.length))] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                Identity.fromPrivateKeyProtobuf(input);
            } catch (IdentityException expected) {
                // the declared failure
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", input " + HEX.formatHex(input), e);
            }
        }
    }
}
