package dev.cairn.identity;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multibase;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;

/**
 * A libp2p peer ID: the multihash of a serialized {@code PublicKey} protobuf.
 *
 * <p>Keys whose protobuf is at most 42 bytes (Ed25519: 36) are inlined with the identity multihash,
 * which is why Ed25519 peer IDs all start with {@code 12D3KooW}; longer keys (RSA) are sha2-256
 * hashed. Two text forms exist: the legacy bare base58btc multihash ({@code 12D3KooW...},
 * {@code Qm...}) that {@code ipfs id} prints, and a CIDv1 with the {@code libp2p-key} codec in
 * base36 ({@code k51qzi5uqu5d...}) used in IPNS names and subdomain gateways.
 */
public record PeerId(Multihash multihash) {
    /** Spec limit for inlining the public key protobuf with the identity hash. */
    static final int MAX_INLINE_KEY_LENGTH = 42;

    public PeerId {
        if (multihash == null) {
            throw new IllegalArgumentException("multihash must not be null");
        }
    }

    /** Derives the peer ID of a serialized libp2p {@code PublicKey} protobuf. */
    public static PeerId fromPublicKey(byte[] publicKeyProtobuf) {
        if (publicKeyProtobuf.length <= MAX_INLINE_KEY_LENGTH) {
            return new PeerId(Multihash.digest(Multicodec.IDENTITY.code(), publicKeyProtobuf));
        }
        return new PeerId(Multihash.sha256(publicKeyProtobuf));
    }

    /**
     * Parses either text form: base58btc multihash ({@code 12D3KooW...}, {@code Qm...}) or a
     * multibase CIDv1 whose codec is {@code libp2p-key}.
     *
     * @throws CodecException if the text is neither
     */
    public static PeerId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new CodecException("empty peer ID");
        }
        if (text.startsWith("1") || text.startsWith("Qm")) {
            return new PeerId(Multihash.fromBytes(Multibase.BASE58BTC.decodeRaw(text)));
        }
        Cid cid = Cid.parse(text);
        if (cid.codec() != Multicodec.LIBP2P_KEY.code()) {
            throw new CodecException("CID " + text + " is not a libp2p-key (codec "
                    + Multicodec.nameOf(cid.codec()) + ")");
        }
        return new PeerId(cid.multihash());
    }

    /** The CIDv1 form: codec {@code libp2p-key}, same multihash. */
    public Cid toCid() {
        return Cid.v1(Multicodec.LIBP2P_KEY, multihash);
    }

    /** The base36 CIDv1 text ({@code k51qzi5uqu5d...}), as used in {@code /ipns/} names. */
    public String toBase36() {
        return toCid().toString(Multibase.BASE36);
    }

    /** The canonical text form: bare base58btc of the multihash ({@code 12D3KooW...}). */
    @Override
    public String toString() {
        return Multibase.BASE58BTC.encodeRaw(multihash.bytes());
    }
}
