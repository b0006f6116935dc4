package dev.cairn.store;

/**
 * What one compaction did: partly dead packs rewritten so the bytes of deleted blocks leave the
 * disk.
 *
 * @param packsCompacted old packs whose live blocks were copied out and whose files were deleted
 * @param packsWritten   new packs holding those blocks
 * @param blocksMoved    index rows switched to a new pack
 * @param bytesRemoved   file bytes of the deleted old packs
 * @param bytesWritten   file bytes of the new packs
 * @param corruptBlocks  live blocks that failed verification when read: left where they are (their
 *     pack stays), for an operator to look at; never copied
 */
public record Compaction(long packsCompacted, long packsWritten, long blocksMoved, long bytesRemoved,
        long bytesWritten, long corruptBlocks) {
    /** Nothing compacted (stores without packs, compaction switched off, no pack worth it). */
    public static final Compaction NONE = new Compaction(0, 0, 0, 0, 0, 0);

    /** @throws IllegalArgumentException unless {@code liveBelow} is from 0 to 1 */
    public static void checkFraction(double liveBelow) {
        if (!(liveBelow >= 0 && liveBelow <= 1)) {
            throw new IllegalArgumentException("compaction threshold must be a fraction from 0 to 1, got " + liveBelow);
        }
    }

    /** Disk space given back: old pack bytes deleted minus new pack bytes written (never negative). */
    public long bytesReclaimed() {
        return Math.max(0, bytesRemoved - bytesWritten);
    }

    /** The sum of two compactions (batches of one run). */
    public Compaction plus(Compaction o) {
        return new Compaction(packsCompacted + o.packsCompacted, packsWritten + o.packsWritten,
                blocksMoved + o.blocksMoved, bytesRemoved + o.bytesRemoved, bytesWritten + o.bytesWritten,
                corruptBlocks + o.corruptBlocks);
    }
}
