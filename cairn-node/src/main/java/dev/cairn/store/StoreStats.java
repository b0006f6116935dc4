package dev.cairn.store;

/** A count of blocks and their total size in bytes. */
public record StoreStats(long blocks, long bytes) {
    public static final StoreStats EMPTY = new StoreStats(0, 0);
}
