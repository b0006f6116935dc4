package dev.cairn.cid;

import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.UnsupportedCodecException;
import dev.cairn.multiformats.UnsupportedHashException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which CIDs Cairn agrees to store, fetch or serve. A CID can be well-formed ({@link Cid#parse}
 * accepts it) and still be refused here: its hash is one we cannot verify, its digest too short
 * to be collision-resistant, or its codec one we cannot walk.
 *
 * <p>Refusing up front (a 400 at the surface) is cheaper and clearer than fetching bytes we cannot
 * verify. The digest bounds follow boxo {@code verifcid}: 20..128 bytes for cryptographic hashes,
 * 0..128 for identity (IPIP-0512).
 *
 * <p>Immutable; {@link #standard()} is the policy the node runs with.
 */
public final class CidPolicy {
    /** Shortest digest accepted for a cryptographic hash. */
    public static final int MIN_DIGEST_LENGTH = Multihash.MIN_DIGEST_LENGTH;
    /** Longest digest accepted for any hash, identity included. */
    public static final int MAX_DIGEST_LENGTH = Multihash.MAX_DIGEST_LENGTH;

    private static final CidPolicy STANDARD = new CidPolicy(
            EnumSet.of(Multicodec.SHA2_256, Multicodec.SHA2_512, Multicodec.IDENTITY),
            EnumSet.of(Multicodec.RAW, Multicodec.DAG_PB, Multicodec.DAG_CBOR, Multicodec.DAG_JSON,
                    Multicodec.JSON, Multicodec.CBOR, Multicodec.LIBP2P_KEY));

    private final Set<Multicodec> hashes;
    private final Set<Multicodec> codecs;
    private final String hashNames;
    private final String codecNames;

    private CidPolicy(Set<Multicodec> hashes, Set<Multicodec> codecs) {
        this.hashes = Set.copyOf(hashes);
        this.codecs = Set.copyOf(codecs);
        this.hashNames = names(hashes);
        this.codecNames = names(codecs);
    }

    /** sha2-256, sha2-512, identity; raw, dag-pb, dag-cbor, dag-json, json, cbor, libp2p-key. */
    public static CidPolicy standard() {
        return STANDARD;
    }

    /** A policy with other hash functions and codecs (the digest bounds stay). */
    public static CidPolicy of(Set<Multicodec> hashes, Set<Multicodec> codecs) {
        if (hashes.isEmpty() || codecs.isEmpty()) {
            throw new IllegalArgumentException("a CID policy needs at least one hash and one codec");
        }
        return new CidPolicy(hashes, codecs);
    }

    /**
     * Returns {@code cid} when this policy allows it.
     *
     * @throws UnsupportedHashException  the hash function is not allowed, or the digest length is
     *                                   out of bounds for it
     * @throws UnsupportedCodecException the content codec is not allowed
     */
    public Cid check(Cid cid) {
        Multihash mh = cid.multihash();
        long code = mh.code();
        if (Multicodec.byCode(code).filter(hashes::contains).isEmpty()) {
            throw new UnsupportedHashException(code, "CID " + cid + " uses hash function "
                    + Multicodec.nameOf(code) + ", which Cairn does not accept (accepted: "
                    + hashNames + ")");
        }
        int len = mh.digestLength();
        int min = mh.isIdentity() ? 0 : MIN_DIGEST_LENGTH;
        if (len < min || len > MAX_DIGEST_LENGTH) {
            throw new UnsupportedHashException(code, "CID " + cid + " has a " + len + "-byte "
                    + Multicodec.nameOf(code) + " digest; accepted lengths are " + min + ".."
                    + MAX_DIGEST_LENGTH);
        }
        if (Multicodec.byCode(cid.codec()).filter(codecs::contains).isEmpty()) {
            throw new UnsupportedCodecException(cid.codec(), "CID " + cid + " uses codec "
                    + Multicodec.nameOf(cid.codec()) + ", which Cairn does not accept (accepted: "
                    + codecNames + ")");
        }
        return cid;
    }

    /** True when {@link #check} would pass. */
    public boolean allows(Cid cid) {
        try {
            check(cid);
            return true;
        } catch (UnsupportedHashException | UnsupportedCodecException e) {
            return false;
        }
    }

    private static String names(Set<Multicodec> set) {
        return set.stream().sorted().map(Multicodec::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "CidPolicy[hashes=" + hashNames + "; codecs=" + codecNames + "]";
    }
}
