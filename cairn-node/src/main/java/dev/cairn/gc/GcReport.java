package dev.cairn.gc;

import dev.cairn.store.Compaction;
import java.time.Duration;

/**
 * What one collection did.
 *
 * @param liveRoots   root CIDs the pin repository named live (duplicates counted)
 * @param marked      stored blocks reachable from them
 * @param removed     blocks swept (unreachable and not protected by an ingest)
 * @param bytesFreed  their bytes (on disk at once for packs left empty, otherwise once compaction
 *     rewrites their packs)
 * @param spared      unreachable blocks kept because an ingest in flight relies on them
 * @param compaction  what the compaction after the sweep did ({@link Compaction#NONE} for a preview
 *     or when {@code gc.compact-below-percent} is 0)
 * @param pinsPurged  tombstones of deleted or replaced pin requests purged (0 for a preview)
 * @param took        wall-clock duration
 */
public record GcReport(long liveRoots, long marked, long removed, long bytesFreed, long spared, Compaction compaction,
        long pinsPurged, Duration took) {
    /** Old packs compaction rewrote (and deleted). */
    public long packsCompacted() {
        return compaction.packsCompacted();
    }

    /** New packs compaction wrote. */
    public long packsWritten() {
        return compaction.packsWritten();
    }

    /** Blocks compaction moved to new packs. */
    public long blocksMoved() {
        return compaction.blocksMoved();
    }

    /** Disk bytes compaction gave back (old pack bytes deleted minus new pack bytes written). */
    public long bytesReclaimed() {
        return compaction.bytesReclaimed();
    }

    /** Live blocks that failed verification during compaction, left in place. */
    public long corruptBlocks() {
        return compaction.corruptBlocks();
    }
}
