package dev.cairn.block;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.util.Arrays;
import java.util.Objects;

/**
 * A CID and its bytes, and whether this process has already checked that they match.
 *
 * <p>Blocks made by {@link #verified} (hash checked), {@link #of} and {@link #hashed} (CID computed
 * from the bytes) are <em>verified</em>: stores may write them without hashing again, which keeps
 * an import at one hash per block. Blocks made by {@link #trusted} or the constructor are not:
 * a store verifies them before writing.
 *
 * <p>The byte array is shared, not copied: callers must not mutate it.
 */
public final class Block {
    /** Blocks larger than this are refused everywhere (the Bitswap and trustless-gateway limit). */
    public static final int MAX_SIZE = 2 * 1024 * 1024;

    private final Cid cid;
    private final byte[] data;
    private final boolean verified;

    /** An unverified block: stores will check its hash before keeping it. */
    public Block(Cid cid, byte[] data) {
        this(cid, data, false);
    }

    private Block(Cid cid, byte[] data, boolean verified) {
        this.cid = Objects.requireNonNull(cid, "cid");
        this.data = Objects.requireNonNull(data, "data");
        this.verified = verified;
    }

    /** Verifies {@code data} against {@code cid}; throws {@link BlockMismatchException}. */
    public static Block verified(Cid cid, byte[] data) {
        if (!cid.multihash().matches(data)) {
            throw new BlockMismatchException(cid);
        }
        return new Block(cid, data, true);
    }

    /**
     * A block whose CID the caller has just computed by hashing exactly these bytes (an importer
     * or encoder). Marked verified; using it for bytes from elsewhere defeats the store's check.
     */
    public static Block hashed(Cid cid, byte[] data) {
        return new Block(cid, data, true);
    }

    /**
     * A block whose bytes are believed to match without a check in this process (read back from
     * our own store, say). Not marked verified: a store re-checks it before writing.
     */
    public static Block trusted(Cid cid, byte[] data) {
        return new Block(cid, data, false);
    }

    /** Hashes {@code data} with sha2-256 and names it with a CIDv1 of the given codec. */
    public static Block of(Multicodec codec, byte[] data) {
        return new Block(Cid.v1(codec, Multihash.sha256(data)), data, true);
    }

    public Cid cid() {
        return cid;
    }

    public byte[] data() {
        return data;
    }

    /** True when this process has checked (or computed) the hash of these bytes. */
    public boolean isVerified() {
        return verified;
    }

    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && cid.equals(b.cid) && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return cid.hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + cid + ", " + data.length + " bytes]";
    }
}
