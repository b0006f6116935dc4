package dev.cairn.unixfs.importer;

/**
 * How a directory's size is estimated when deciding to shard it (boxo {@code SizeEstimationMode}).
 * The directory becomes a HAMT when the estimate is strictly greater than the threshold.
 */
public enum HamtSizeEstimation {
    /** Sum of {@code len(name) + len(cid bytes)} over the links: Kubo's default ("links-bytes"). */
    LINKS,
    /** Exact serialized size of the basic directory block: IPIP-499 {@code unixfs-v1-2025} ("block-bytes"). */
    BLOCK
}
