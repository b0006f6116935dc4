package dev.cairn.block;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.util.Objects;

/**
 * A CID and its bytes. {@link #verified} checks the hash; {@link #trusted} skips it and is only
 * for bytes that were verified before (our own importer output, or a store read whose pack was
 * verified at write time).
 *
 * <p>The byte array is shared, not copied: callers must not mutate it.
 */
public record Block(Cid cid, byte[] data) {
    /** Blocks larger than this are refused everywhere (the Bitswap and trustless-gateway limit). */
    public static final int MAX_SIZE = 2 * 1024 * 1024;

    public Block {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(data, "data");
    }

    /** Verifies {@code data} against {@code cid}; throws {@link BlockMismatchException}. */
    public static Block verified(Cid cid, byte[] data) {
        if (!cid.multihash().matches(data)) {
            throw new BlockMismatchException(cid);
        }
        return new Block(cid, data);
    }

    public static Block trusted(Cid cid, byte[] data) {
        return new Block(cid, data);
    }

    /** Hashes {@code data} with sha2-256 and names it with a CIDv1 of the given codec. */
    public static Block of(Multicodec codec, byte[] data) {
        return new Block(Cid.v1(codec, Multihash.sha256(data)), data);
    }

    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && cid.equals(b.cid) && java.util.Arrays.equals(data, b.data);
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
