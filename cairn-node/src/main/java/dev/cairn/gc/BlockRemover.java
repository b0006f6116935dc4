package dev.cairn.gc;

import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Removes chosen blocks that no live pin needs ({@code block/rm}): a garbage collection limited to
 * the given blocks, so it follows the same rules ({@link GcBarrier}): it runs as a collection,
 * checks every live root of every account, and spares blocks an ingest in flight relies on.
 *
 * <p>The store is shared by all accounts, so "not needed by a pin" means by anyone's pin: one
 * account can never remove a block another account's pin reaches. The check walks the pinned
 * DAGs until every asked-for block has been found pinned, or all of them were walked: the cost of
 * a GC mark phase in the worst case, which is why this is for occasional clean-ups.
 */
public final class BlockRemover {
    /** What happened to one asked-for block. */
    public enum Outcome {
        REMOVED,
        /** not in the store (nothing to do) */
        NOT_FOUND,
        /** the root of a live pin */
        PINNED_ROOT,
        /** inside the DAG of a live pin */
        PINNED_INDIRECT,
        /** an upload or pin job in flight relies on it right now */
        IN_USE
    }

    private final BlockStore store;
    private final LivePins pins;
    private final GcBarrier barrier;

    public BlockRemover(BlockStore store, LivePins pins, GcBarrier barrier) {
        this.store = Objects.requireNonNull(store, "store");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.barrier = Objects.requireNonNull(barrier, "barrier");
    }

    /** Removes every block of {@code cids} that is stored and unpinned; the outcome of each, in order. */
    public Map<Cid, Outcome> remove(List<Cid> cids) {
        Map<Cid, Outcome> outcomes = new LinkedHashMap<>();
        barrier.startCollection();
        try {
            Map<Multihash, Cid> wanted = new HashMap<>();
            for (Cid c : cids) {
                if (c.isIdentity() || !store.has(c)) {
                    outcomes.put(c, Outcome.NOT_FOUND);
                } else {
                    wanted.put(c.multihash(), c);
                }
            }
            Map<Multihash, Outcome> pinned = pinned(wanted.keySet());
            List<Multihash> candidates = new ArrayList<>();
            for (Cid c : cids) {
                if (outcomes.containsKey(c)) {
                    continue;
                }
                Outcome p = pinned.get(c.multihash());
                if (p != null) {
                    outcomes.put(c, p);
                } else if (!candidates.contains(c.multihash())) {
                    candidates.add(c.multihash());
                }
            }
            if (!candidates.isEmpty()) {
                Set<Multihash> removed = new HashSet<>();
                barrier.sweep(candidates, doomed -> {
                    removed.addAll(doomed);
                    return store.delete(doomed);
                });
                for (Cid c : cids) {
                    outcomes.putIfAbsent(c, removed.contains(c.multihash()) ? Outcome.REMOVED : Outcome.IN_USE);
                }
            }
            Map<Cid, Outcome> inOrder = new LinkedHashMap<>();
            cids.forEach(c -> inOrder.put(c, outcomes.get(c)));
            return inOrder;
        } finally {
            barrier.endCollection();
        }
    }

    /** Which of {@code wanted} a live pin reaches, walking until all are found or every DAG was seen. */
    private Map<Multihash, Outcome> pinned(Set<Multihash> wanted) {
        Map<Multihash, Outcome> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        List<Cid> roots = new ArrayList<>();
        pins.forEachLiveRoot(roots::add);
        for (Cid root : roots) {
            if (wanted.contains(root.multihash())) {
                found.put(root.multihash(), Outcome.PINNED_ROOT);
            }
        }
        Set<Cid> visited = new HashSet<>();
        Deque<Cid> todo = new ArrayDeque<>();
        for (Cid root : roots) {
            todo.push(root);
            while (!todo.isEmpty() && found.size() < wanted.size()) {
                Cid cid = todo.pop();
                if (!visited.add(cid)) {
                    continue;
                }
                if (!cid.equals(root) && wanted.contains(cid.multihash())) {
                    found.putIfAbsent(cid.multihash(), Outcome.PINNED_INDIRECT);
                }
                if (cid.codec() == Multicodec.RAW.code()) {
                    continue;
                }
                Optional<byte[]> data = cid.isIdentity() ? Optional.of(cid.multihash().digest()) : store.get(cid);
                if (data.isEmpty()) {
                    continue;
                }
                try {
                    for (Cid link : Links.of(cid, data.get())) {
                        todo.push(link);
                    }
                } catch (CodecException e) {
                    // nothing is reachable through a block whose links cannot be read (as in GC)
                }
            }
            todo.clear();
            if (found.size() == wanted.size()) {
                break;
            }
        }
        return found;
    }
}
