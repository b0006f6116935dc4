package dev.cairn.membership;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocks of the DAG under a root, by multihash (root included, identity CIDs excluded: their
 * content is in the CID and always readable).
 */
@FunctionalInterface
public interface DagMembers {
    /**
     * @throws dev.cairn.block.BlockNotFoundException when a block that must be read for its links is
     *     missing (the DAG is not complete where this looks)
     */
    Set<Multihash> of(Cid root);

    /** Reads every non-raw block from {@code store} for its links (the backfill's walk). */
    static DagMembers walking(BlockSource store) {
        return root -> walk(root, cid -> Links.of(cid, store.require(cid)));
    }

    /** How a walk learns the links of one non-raw, non-identity block. */
    @FunctionalInterface
    interface LinkLookup {
        List<Cid> links(Cid cid);
    }

    /**
     * An iterative walk (no recursion: deep DAGs), each multihash once. Raw blocks have no links and
     * are never read: a pinned DAG is complete, so its raw leaves are present. A block of a codec
     * whose links Cairn cannot read counts as a leaf, so membership never reaches further than GC
     * and the fetcher do (erring towards a 404, never towards serving a block outside the DAG).
     */
    static Set<Multihash> walk(Cid root, LinkLookup lookup) {
        Set<Multihash> members = new HashSet<>();
        Deque<Cid> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Cid cid = todo.pop();
            if (cid.isIdentity()) {
                // Never a member itself, but an inlined node may link to real blocks.
                pushLinks(todo, () -> Links.of(cid, cid.multihash().digest()));
                continue;
            }
            if (!members.add(cid.multihash()) || cid.codec() == Multicodec.RAW.code()) {
                continue;
            }
            pushLinks(todo, () -> lookup.links(cid));
        }
        return members;
    }

    private static void pushLinks(Deque<Cid> todo, java.util.function.Supplier<List<Cid>> links) {
        try {
            for (Cid link : links.get()) {
                todo.push(link);
            }
        } catch (CodecException e) {
            // A codec Cairn reads no links of (or a block that does not decode, which every
            // ingest refuses): a leaf as far as Cairn can tell, like GC and the fetcher see it.
        }
    }
}
