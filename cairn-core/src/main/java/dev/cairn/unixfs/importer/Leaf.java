package dev.cairn.unixfs.importer;

import dev.cairn.cid.Cid;

/**
 * A stored node of a file DAG as its parent sees it.
 *
 * @param tsize     cumulative DAG size (the parent link's Tsize)
 * @param fileBytes file bytes under the node (the parent's {@code blocksizes} entry)
 */
record Leaf(Cid cid, long tsize, long fileBytes) {}
