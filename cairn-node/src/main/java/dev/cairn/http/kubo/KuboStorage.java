package dev.cairn.http.kubo;

import dev.cairn.cid.Cid;
import dev.cairn.gc.BlockRemover;
import java.util.List;
import java.util.Map;

/**
 * What {@code repo/stat} and {@code block/rm} need of the node, implemented by the composition
 * root over the block store and the collector (the surface never sees the store).
 */
public interface KuboStorage {
    /** Stored blocks, their bytes, the space they may grow to, and where the repository is. */
    record Usage(long blocks, long bytes, long storageMax, String path) {}

    /** The node's storage as a whole (the store is shared by all accounts). */
    Usage usage();

    /**
     * Removes the given blocks that no live pin of any account reaches; the outcome of each, in
     * the order given. See {@link BlockRemover} for why this is safe while uploads go on.
     */
    Map<Cid, BlockRemover.Outcome> removeUnpinned(List<Cid> cids);

    /** For nodes without a store to report on (tests of other commands): empty, removes nothing. */
    KuboStorage NONE = new KuboStorage() {
        @Override
        public Usage usage() {
            return new Usage(0, 0, 0, "");
        }

        @Override
        public Map<Cid, BlockRemover.Outcome> removeUnpinned(List<Cid> cids) {
            Map<Cid, BlockRemover.Outcome> out = new java.util.LinkedHashMap<>();
            cids.forEach(c -> out.put(c, BlockRemover.Outcome.NOT_FOUND));
            return out;
        }
    };
}
