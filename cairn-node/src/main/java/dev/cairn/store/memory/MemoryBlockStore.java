package dev.cairn.store.memory;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.db.TransactionWork;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStat;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Blocks in a map keyed by multihash; writers buffer and publish on commit. Nothing survives the
 * process. {@code commit(extra)} with real extra work is refused: there is no database to run it
 * in, and pretending would break the all-or-nothing promise.
 */
public final class MemoryBlockStore implements BlockStore {
    private record Stored(byte[] data, long codec) {}

    private final ConcurrentHashMap<Multihash, Stored> blocks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public Optional<byte[]> get(Cid cid) {
        checkOpen();
        if (cid.isIdentity()) {
            return Optional.of(cid.multihash().digest());
        }
        return Optional.ofNullable(blocks.get(cid.multihash())).map(s -> s.data().clone());
    }

    @Override
    public boolean has(Cid cid) {
        checkOpen();
        return cid.isIdentity() || blocks.containsKey(cid.multihash());
    }

    @Override
    public Optional<BlockStat> stat(Cid cid) {
        checkOpen();
        if (cid.isIdentity()) {
            return Optional.of(new BlockStat(cid.multihash().digestLength(), cid.codec(), BlockStat.NO_PACK, 0));
        }
        return Optional.ofNullable(blocks.get(cid.multihash()))
                .map(s -> new BlockStat(s.data().length, s.codec(), BlockStat.NO_PACK, 0));
    }

    @Override
    public BlockWriter writer() {
        checkOpen();
        return new Writer();
    }

    @Override
    public void forEachMultihash(Consumer<? super Multihash> visitor) {
        checkOpen();
        List<Multihash> keys = new ArrayList<>(blocks.keySet());
        keys.sort(null);
        keys.forEach(visitor);
    }

    @Override
    public long delete(Collection<Multihash> multihashes) {
        checkOpen();
        long removed = 0;
        for (Multihash mh : multihashes) {
            if (blocks.remove(mh) != null) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public StoreStats stats() {
        checkOpen();
        long count = 0;
        long bytes = 0;
        for (Stored s : blocks.values()) {
            count++;
            bytes += s.data().length;
        }
        return new StoreStats(count, bytes);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("block store is closed");
        }
    }

    private final class Writer implements BlockWriter {
        private final Map<Multihash, Stored> pending = new LinkedHashMap<>();
        private long count;
        private long bytes;
        private boolean done;

        @Override
        public void put(Block block) {
            Cid cid = block.cid();
            if (!cid.isIdentity()) {
                if (block.size() > Block.MAX_SIZE) {
                    throw new CodecException("block " + cid + " is " + block.size()
                            + " bytes, over the limit of " + Block.MAX_SIZE);
                }
                Block.verified(cid, block.data());
            }
            synchronized (this) {
                checkWriting();
                Multihash mh = cid.multihash();
                if (cid.isIdentity() || pending.containsKey(mh) || blocks.containsKey(mh)) {
                    return;
                }
                pending.put(mh, new Stored(block.data().clone(), cid.codec()));
                count++;
                bytes += block.size();
            }
        }

        @Override
        public synchronized void commit(TransactionWork extra) {
            checkWriting();
            if (extra != TransactionWork.NONE) {
                throw new UnsupportedOperationException("MemoryBlockStore has no database to run commit work in");
            }
            checkOpen();
            pending.forEach(blocks::putIfAbsent);
            pending.clear();
            done = true;
        }

        @Override
        public synchronized void abort() {
            pending.clear();
            done = true;
        }

        @Override
        public synchronized StoreStats written() {
            return new StoreStats(count, bytes);
        }

        @Override
        public void close() {
            abort();
        }

        private void checkWriting() {
            if (done) {
                throw new IllegalStateException("writer already committed or aborted");
            }
        }
    }
}
