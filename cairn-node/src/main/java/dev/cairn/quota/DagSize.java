package dev.cairn.quota;

import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStat;
import dev.cairn.store.BlockStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Bytes and count of the distinct blocks of the DAG under a root, walked in the block store. Raw
 * blocks (the leaves of CIDv1 files) cannot link, so only their index entry is read, not their
 * bytes: a 1 GiB raw-leaf file costs a few dozen block reads. Blocks are told apart by multihash,
 * as the store keeps them.
 *
 * @param bytes the sum of the block sizes
 * @param blocks how many blocks
 */
record DagSize(long bytes, long blocks) {

    /** @throws BlockNotFoundException when a block of the DAG is not stored (an incomplete DAG) */
    static DagSize measure(BlockStore store, Cid root) {
        Set<Multihash> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        pending.push(root);
        long bytes = 0;
        long blocks = 0;
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            if (cid.isIdentity()) {
                // stored nowhere, but an inlined node may link to stored blocks
                Links.of(cid, cid.multihash().digest()).forEach(pending::push);
                continue;
            }
            if (!seen.add(cid.multihash())) {
                continue;
            }
            if (cid.codec() == Multicodec.RAW.code()) {
                BlockStat stat = store.stat(cid).orElseThrow(() -> new BlockNotFoundException(cid));
                bytes += stat.size();
            } else {
                byte[] data = store.get(cid).orElseThrow(() -> new BlockNotFoundException(cid));
                bytes += data.length;
                Links.of(cid, data).forEach(pending::push);
            }
            blocks++;
        }
        return new DagSize(bytes, blocks);
    }
}
