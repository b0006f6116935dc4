package dev.cairn.gc;

import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What lets garbage collection run while uploads and pin jobs go on. One per block store, shared
 * by the composition root between the collector and everything that writes blocks.
 *
 * <p>Design note. The danger is a block that an ingest relies on without the collector knowing:
 * the writer skips a block the store already holds, or a pin job's fetcher finds it present and
 * moves on, while the only pin that reached the block was just deleted; the new pin's root is
 * still in the writer, so the mark phase cannot reach the block either. Three rules close that:
 *
 * <ol>
 *   <li>An ingest records every block it finds present or puts ({@link Ingest}), and does each
 *       "record, then look at the store" step under the shared side of a read-write lock.
 *   <li>The sweep deletes a batch under the exclusive side, after dropping every candidate an open
 *       ingest recorded. So a block is either recorded before the delete (and spared) or looked at
 *       after it (and found missing, so the ingest writes or fetches it itself).
 *   <li>An ingest that ends while a collection runs stays protected until that collection ends:
 *       its blocks may have been committed after the mark phase looked (its pin row too), which
 *       is how "nothing newer than the mark start is swept" holds without timestamps.
 * </ol>
 *
 * Ingests hold the shared lock for one put or lookup at a time, never for the whole ingest, so a
 * long pin job does not hold up GC and GC holds up writers for one batch delete at most.
 */
public final class GcBarrier {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Ingest> open = ConcurrentHashMap.newKeySet();
    /** Ingests that ended during the running collection; guarded by {@code this}. */
    private final List<Ingest> endedDuringCollection = new ArrayList<>();
    private boolean collecting;
    /** Bumped as every delete through a guarded store starts and ends (see {@link #deletionEpoch}). */
    private final AtomicLong deletions = new AtomicLong();

    /** Starts an ingest; close it when its writer has committed or aborted. */
    public Ingest begin() {
        Ingest ingest = new Ingest(this);
        open.add(ingest);
        return ingest;
    }

    /**
     * {@code store} with every writer it hands out running as its own ingest (ended by the
     * writer's commit, abort or close). Give this to uploads and every other writer of blocks.
     */
    public BlockStore guard(BlockStore store) {
        return new GuardedBlockStore(store, this);
    }

    /**
     * A number that changes whenever blocks of a guarded store may be disappearing: it moves as a
     * delete starts and again as it ends. A reader that keeps copies of blocks (the gateway's
     * small-block cache) drops every copy taken under an older value, so it never serves a block
     * after the delete that removed it returned.
     */
    public long deletionEpoch() {
        return deletions.get();
    }

    void deleting() {
        deletions.incrementAndGet();
    }

    /** How many ingests are open (for metrics and tests). */
    public int openIngests() {
        return open.size();
    }

    <T> T shared(Supplier<T> step) {
        lock.readLock().lock();
        try {
            return step.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    void ended(Ingest ingest) {
        lock.readLock().lock();
        try {
            synchronized (this) {
                open.remove(ingest);
                if (collecting) {
                    endedDuringCollection.add(ingest);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Marks the start of a collection: from now on ending ingests stay protected until
     * {@link #endCollection}. One collection at a time: a second one waits for the first to end.
     */
    synchronized void startCollection() {
        while (collecting) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the running collection", e);
            }
        }
        collecting = true;
    }

    synchronized void endCollection() {
        collecting = false;
        endedDuringCollection.clear();
        notifyAll();
    }

    /** Result of one batch: what was deleted, and how much was spared for ingests. */
    record Swept(long deleted, long spared) {}

    /**
     * Drops every candidate an ingest protects and hands the rest to {@code delete}, all while no
     * ingest can look at the store.
     */
    Swept sweep(List<Multihash> candidates, java.util.function.ToLongFunction<List<Multihash>> delete) {
        lock.writeLock().lock();
        try {
            List<Ingest> protecting;
            synchronized (this) {
                protecting = new ArrayList<>(open);
                protecting.addAll(endedDuringCollection);
            }
            List<Multihash> doomed = new ArrayList<>(candidates.size());
            for (Multihash mh : candidates) {
                if (protecting.stream().noneMatch(i -> i.protects(mh))) {
                    doomed.add(mh);
                }
            }
            long deleted = doomed.isEmpty() ? 0 : delete.applyAsLong(doomed);
            return new Swept(deleted, candidates.size() - doomed.size());
        } finally {
            lock.writeLock().unlock();
        }
    }
}
