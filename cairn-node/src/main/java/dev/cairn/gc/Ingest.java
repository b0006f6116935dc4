package dev.cairn.gc;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreStats;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ingest (an upload or a pin job) in flight, as the garbage collector sees it: every block it
 * has found stored ({@link #source}) or put ({@link #writer}) is protected from the sweep until the
 * ingest is closed and, if a collection was running then, until that collection ends. Close it
 * after the writer committed (the pin row now keeps the blocks) or aborted.
 *
 * <p>Thread-safe: a writer may be fed from several threads.
 */
public final class Ingest implements AutoCloseable {
    private final GcBarrier barrier;
    private final Set<Multihash> touched = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Ingest(GcBarrier barrier) {
        this.barrier = barrier;
    }

    /**
     * {@code local} (the block store's read side) with every block it returns protected: the
     * sweep cannot remove a block between this ingest seeing it present and the ingest's commit.
     */
    public BlockSource source(BlockSource local) {
        return cid -> {
            if (cid.isIdentity()) {
                return local.get(cid);
            }
            return barrier.shared(() -> {
                touched.add(cid.multihash());
                return local.get(cid);
            });
        };
    }

    /**
     * {@code writer} with every block put protected, also the ones it skips because the store
     * already holds them (that skip is exactly what a concurrent sweep could invalidate).
     */
    public BlockWriter writer(BlockWriter writer) {
        return new GuardedWriter(writer, false);
    }

    boolean protects(Multihash mh) {
        return touched.contains(mh);
    }

    int size() {
        return touched.size();
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends the ingest; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            barrier.ended(this);
        }
    }

    /** The writer decorator; {@code ownsIngest}: closing, committing or aborting it ends the ingest. */
    final class GuardedWriter implements BlockWriter {
        private final BlockWriter delegate;
        private final boolean ownsIngest;

        GuardedWriter(BlockWriter delegate, boolean ownsIngest) {
            this.delegate = delegate;
            this.ownsIngest = ownsIngest;
        }

        @Override
        public void put(Block block) {
            Cid cid = block.cid();
            if (cid.isIdentity()) {
                delegate.put(block);
                return;
            }
            barrier.shared(() -> {
                touched.add(cid.multihash());
                delegate.put(block);
                return null;
            });
        }

        @Override
        public void commit(dev.cairn.db.TransactionWork extra) {
            try {
                delegate.commit(extra);
            } finally {
                end();
            }
        }

        @Override
        public void abort() {
            try {
                delegate.abort();
            } finally {
                end();
            }
        }

        @Override
        public StoreStats written() {
            return delegate.written();
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                end();
            }
        }

        private void end() {
            if (ownsIngest) {
                Ingest.this.close();
            }
        }
    }

    /** For {@link GuardedBlockStore}: a writer that ends this ingest when it is done. */
    BlockWriter owningWriter(BlockWriter writer) {
        return new GuardedWriter(writer, true);
    }
}
