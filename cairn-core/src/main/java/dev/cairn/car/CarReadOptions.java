package dev.cairn.car;

import dev.cairn.block.Block;

/**
 * How strict and how large a CAR read may be. Limits are checked against the lengths a stream
 * declares, before any buffer is allocated, so a hostile length prefix costs nothing.
 *
 * @param verify hash every block against its CID (turn off only for bytes Cairn wrote itself)
 * @param maxHeaderSize largest CARv1 header accepted, in bytes
 * @param maxSectionSize largest section (CID plus block) accepted, in bytes
 * @param maxIndexEntries largest CARv2 index accepted, in entries
 */
public record CarReadOptions(boolean verify, int maxHeaderSize, int maxSectionSize, int maxIndexEntries) {
    /** Room for the longest CID we parse (version, codec, hash code, length varints, 128-byte digest). */
    static final int MAX_CID_SIZE = 4 * 9 + 128;

    public static final CarReadOptions DEFAULTS =
            new CarReadOptions(true, 1024 * 1024, Block.MAX_SIZE + MAX_CID_SIZE, 1 << 22);

    public CarReadOptions {
        if (maxHeaderSize <= 0 || maxSectionSize <= 0 || maxIndexEntries < 0) {
            throw new IllegalArgumentException("CAR read limits must be positive");
        }
    }

    public CarReadOptions withVerify(boolean v) {
        return new CarReadOptions(v, maxHeaderSize, maxSectionSize, maxIndexEntries);
    }
}
