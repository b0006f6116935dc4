package dev.cairn.gc;

import java.time.Duration;

/**
 * What one collection did.
 *
 * @param liveRoots   root CIDs the pin repository named live (duplicates counted)
 * @param marked      stored blocks reachable from them
 * @param removed     blocks swept (unreachable and not protected by an ingest)
 * @param bytesFreed  their bytes; the disk space comes back when compaction rewrites the packs
 * @param spared      unreachable blocks kept because an ingest in flight relies on them
 * @param took        wall-clock duration
 */
public record GcReport(long liveRoots, long marked, long removed, long bytesFreed, long spared, Duration took) {}
