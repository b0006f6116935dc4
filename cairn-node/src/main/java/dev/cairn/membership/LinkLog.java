package dev.cairn.membership;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The links of the blocks one ingest wrote or read, kept in memory until its commit, where they
 * name the DAG of each root that becomes pinned. Why: the ingest's own blocks are not readable from
 * the store before the commit, and reading them back afterwards would walk the DAG a second time.
 * Raw and identity blocks are not recorded (no links), so a 1 GiB DAG of raw leaves costs a few
 * thousand entries of the parent nodes only.
 *
 * <p>Thread-safe (a fetch may feed it from several threads).
 */
public final class LinkLog {
    private final Map<Multihash, List<Cid>> links = new ConcurrentHashMap<>();

    /** Remembers the links of {@code cid} (whose bytes are {@code data}, already verified). */
    public void record(Cid cid, byte[] data) {
        if (cid.isIdentity() || cid.codec() == Multicodec.RAW.code() || links.containsKey(cid.multihash())) {
            return;
        }
        try {
            links.put(cid.multihash(), Links.of(cid, data));
        } catch (CodecException e) {
            // Not recorded: the walk then reads it from the store and treats it as a leaf too.
        }
    }

    /** {@code next} with every block recorded once {@code next} took it (and so verified it). */
    public BlockSink sink(BlockSink next) {
        return block -> {
            next.put(block);
            record(block.cid(), block.data());
        };
    }

    /** {@code next} with every block it returns recorded. */
    public BlockSource source(BlockSource next) {
        return cid -> {
            var found = next.get(cid);
            found.ifPresent(data -> record(cid, data));
            return found;
        };
    }

    /**
     * The DAG under a root from the recorded links, reading from {@code store} only blocks this
     * ingest did not see (those an earlier ingest committed).
     */
    public DagMembers over(BlockSource store) {
        return root -> DagMembers.walk(root, cid -> {
            List<Cid> known = links.get(cid.multihash());
            return known != null ? known : Links.of(cid, store.require(cid));
        });
    }

    /** Blocks recorded so far. */
    public int size() {
        return links.size();
    }

    /** Convenience for a block at hand. */
    public void record(Block block) {
        record(block.cid(), block.data());
    }
}
