package dev.cairn.store;

/**
 * What the index knows of a stored block.
 *
 * @param size block length in bytes
 * @param codec the CID codec the block was first stored under (the index is keyed by multihash)
 * @param pack the pack holding the bytes, or {@link #NO_PACK} for identity CIDs and stores
 *     without packs
 * @param offset where the block bytes start in the pack (0 without a pack)
 */
public record BlockStat(int size, long codec, long pack, long offset) {
    public static final long NO_PACK = 0;
}
