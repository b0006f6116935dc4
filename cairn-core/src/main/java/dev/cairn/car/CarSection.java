package dev.cairn.car;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;

/**
 * One section of a CARv1 payload. Offsets count from the start of the payload (the CARv1 header's
 * length varint), which is what CARv2 indexes store: {@code offset} is where the section's length
 * varint starts, {@code dataOffset} where the block bytes start (what a pack's block index keeps).
 *
 * <p>Identity-CID sections are legal in a CAR but must never be stored: check {@link #isIdentity}.
 */
public record CarSection(Cid cid, byte[] data, long offset, long dataOffset, boolean verified) {
    /** A section whose hash has not been checked. */
    public CarSection(Cid cid, byte[] data, long offset, long dataOffset) {
        this(cid, data, offset, dataOffset, false);
    }

    public boolean isIdentity() {
        return cid.isIdentity();
    }

    /**
     * The block, marked verified when the reader checked its hash (its default), so a store does
     * not hash it again.
     */
    public Block block() {
        return verified ? Block.hashed(cid, data) : Block.trusted(cid, data);
    }

    /** Bytes the whole section takes (length varint, CID, data). */
    public long length() {
        return dataOffset - offset + data.length;
    }

    @Override
    public String toString() {
        return "CarSection[" + cid + ", " + data.length + " bytes at " + offset + "]";
    }
}
