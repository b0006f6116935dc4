package dev.cairn.gc;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStat;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.Compaction;
import dev.cairn.store.StoreStats;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/** A block store whose writers are {@link Ingest}s of a {@link GcBarrier}; reads pass through. */
final class GuardedBlockStore implements BlockStore {
    private final BlockStore delegate;
    private final GcBarrier barrier;

    GuardedBlockStore(BlockStore delegate, GcBarrier barrier) {
        this.delegate = delegate;
        this.barrier = barrier;
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        return delegate.get(cid);
    }

    @Override
    public Optional<java.nio.ByteBuffer> view(Cid cid) {
        return delegate.view(cid);
    }

    @Override
    public boolean has(Cid cid) {
        return delegate.has(cid);
    }

    @Override
    public Optional<BlockStat> stat(Cid cid) {
        return delegate.stat(cid);
    }

    @Override
    public BlockWriter writer() {
        Ingest ingest = barrier.begin();
        try {
            return ingest.owningWriter(delegate.writer());
        } catch (RuntimeException e) {
            ingest.close();
            throw e;
        }
    }

    @Override
    public void forEachMultihash(Consumer<? super Multihash> visitor) {
        delegate.forEachMultihash(visitor);
    }

    @Override
    public long delete(Collection<Multihash> multihashes) {
        barrier.deleting();
        try {
            return delegate.delete(multihashes);
        } finally {
            barrier.deleting();
        }
    }

    /** Moves blocks, never removes one, so no ingest needs protecting from it (see GcBarrier). */
    @Override
    public Compaction compact(double liveBelow) {
        return delegate.compact(liveBelow);
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
