package dev.cairn.gc;

import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStore;
import dev.cairn.store.Compaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Mark and sweep over the block store: blocks reachable from live pins ({@link LivePins}) are
 * kept, every other indexed block is removed from the index ({@link BlockStore#delete}).
 *
 * <p>Runs while pinning and serving go on; {@link GcBarrier} explains why an ingest in flight
 * never loses a block it relies on. Order of one collection:
 * <ol>
 *   <li>start the collection on the barrier (ingests ending from now on stay protected);
 *   <li>purge pin tombstones older than {@link GcPolicy#keepDeletedPins} (never live roots);
 *   <li>mark: walk the DAG of every live root over the store. Missing blocks are skipped (a
 *       queued or pinning request has only part of its DAG, or none), as are links of blocks whose
 *       codec cannot be read: such a block is kept, its children are not reachable through it;
 *   <li>sweep: enumerate the index, and delete the unmarked multihashes in batches through the
 *       barrier, which spares what ingests recorded;
 *   <li>compact: packs whose live share fell below the threshold are rewritten
 *       ({@link BlockStore#compact}). Compaction moves blocks and never removes one, so it needs
 *       nothing from the barrier; it runs inside the collection only so that two never overlap.
 * </ol>
 *
 * <p>Memory is the mark set (one entry per reachable block); a disk-backed mark table is the next
 * step for stores of hundreds of millions of blocks.
 *
 * <p>One collection at a time per barrier (a second caller waits); {@code cairn gc} (another
 * process) cannot run while {@code cairn serve} holds the store.
 */
public final class GarbageCollector {
    static final int BATCH = 1000;

    private final BlockStore store;
    private final LivePins pins;
    private final GcBarrier barrier;
    private final GcPolicy policy;

    /** A collector with {@link GcPolicy#DEFAULT}. */
    public GarbageCollector(BlockStore store, LivePins pins, GcBarrier barrier) {
        this(store, pins, barrier, GcPolicy.DEFAULT);
    }

    public GarbageCollector(BlockStore store, LivePins pins, GcBarrier barrier, GcPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.barrier = Objects.requireNonNull(barrier, "barrier");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Runs one collection; a second caller waits for the running one and then runs its own. */
    public GcReport collect() {
        return run(false);
    }

    /** What {@link #collect} would remove now, without removing anything. */
    public GcReport preview() {
        return run(true);
    }

    private GcReport run(boolean dryRun) {
        long start = System.nanoTime();
        barrier.startCollection();
        try {
            // Tombstones are never live roots, so purging them first changes nothing GC keeps.
            long purged = dryRun ? 0 : pins.purgeDeletedBefore(Instant.now().minus(policy.keepDeletedPins()));
            Mark mark = new Mark(store);
            long[] roots = {0};
            pins.forEachLiveRoot(root -> {
                roots[0]++;
                mark.walk(root);
            });
            long[] removed = {0, 0, 0};
            List<Multihash> batch = new ArrayList<>(BATCH);
            store.forEachMultihash(mh -> {
                if (!mark.marked.contains(mh)) {
                    batch.add(mh);
                    if (batch.size() == BATCH) {
                        sweep(batch, removed, dryRun);
                    }
                }
            });
            sweep(batch, removed, dryRun);
            Compaction compaction = dryRun ? Compaction.NONE : store.compact(policy.compactBelow());
            return new GcReport(roots[0], mark.marked.size(), removed[0], removed[1], removed[2], compaction,
                    purged, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            barrier.endCollection();
        }
    }

    private void sweep(List<Multihash> batch, long[] totals, boolean dryRun) {
        if (batch.isEmpty()) {
            return;
        }
        GcBarrier.Swept swept = barrier.sweep(List.copyOf(batch), doomed -> {
            long bytes = 0;
            for (Multihash mh : doomed) {
                bytes += store.stat(Cid.v1(Multicodec.RAW, mh)).map(s -> (long) s.size()).orElse(0L);
            }
            totals[1] += bytes;
            return dryRun ? doomed.size() : store.delete(doomed);
        });
        totals[0] += swept.deleted();
        totals[2] += swept.spared();
        batch.clear();
    }

    /** The mark phase: an iterative walk over whatever of each DAG is stored. */
    private static final class Mark {
        final Set<Multihash> marked = new HashSet<>();
        private final Set<Cid> visited = new HashSet<>();
        private final BlockStore store;

        Mark(BlockStore store) {
            this.store = store;
        }

        void walk(Cid root) {
            Deque<Cid> todo = new ArrayDeque<>();
            todo.push(root);
            while (!todo.isEmpty()) {
                Cid cid = todo.pop();
                if (!visited.add(cid)) {
                    continue;
                }
                byte[] data;
                if (cid.isIdentity()) {
                    data = cid.multihash().digest(); // not stored, but may link to stored blocks
                } else if (cid.codec() == Multicodec.RAW.code()) {
                    // No links: presence is enough, so the bulk of a CIDv1 DAG is never read from disk.
                    if (store.has(cid)) {
                        marked.add(cid.multihash());
                    }
                    continue;
                } else {
                    Optional<byte[]> got = store.get(cid);
                    if (got.isEmpty()) {
                        continue;
                    }
                    marked.add(cid.multihash());
                    data = got.get();
                }
                try {
                    for (Cid link : Links.of(cid, data)) {
                        todo.push(link);
                    }
                } catch (CodecException e) {
                    // Kept, but nothing is reachable through a block Cairn cannot read links from.
                }
            }
        }
    }
}
