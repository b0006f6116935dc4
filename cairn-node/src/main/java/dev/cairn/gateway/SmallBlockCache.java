package dev.cairn.gateway;

import dev.cairn.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The gateway's content with copies of its small blocks kept in memory, so a hot small file costs
 * no store lookup. Why: with the router out of the way ({@link SmallFileRoute}), the store's
 * index lookup (a SQLite query) was more than half of the CPU of a 1 KiB request (bench/README.md).
 *
 * <p>Safe because blocks are content-addressed (a CID's bytes never change) and because every
 * copy is tagged with the store's deletion epoch ({@code GcBarrier.deletionEpoch}) read before the
 * store was asked: a copy is served only while the epoch is unchanged, and the epoch moves when a
 * delete starts and when it ends, so no block is served from here after the delete that removed
 * it returned (the store itself gives no stronger promise to a concurrent reader). Absence is
 * never cached.
 *
 * <p>Only blocks of at most {@value #MAX_BLOCK_BYTES} bytes are kept, at most {@value #MAX_BYTES}
 * bytes in all; when full, everything is dropped and the cache refills with what is asked for
 * next (no LRU bookkeeping on the hot path). Streams (CARs, block views) go to the store as before.
 */
public final class SmallBlockCache implements ContentBackend {
    static final int MAX_BLOCK_BYTES = SmallFileRoute.MAX_BYTES + 1024;
    static final long MAX_BYTES = 32L << 20;

    private record Copy(long epoch, byte[] bytes) {
    }

    private final ContentBackend store;
    private final LongSupplier deletionEpoch;
    private final Map<Cid, Copy> copies = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param deletionEpoch changes whenever the store's blocks may be disappearing ({@code GcBarrier::deletionEpoch})
     */
    public SmallBlockCache(ContentBackend store, LongSupplier deletionEpoch) {
        this.store = store;
        this.deletionEpoch = deletionEpoch;
    }

    @Override
    public Optional<byte[]> block(Cid cid) {
        long epoch = deletionEpoch.getAsLong();
        Copy copy = copies.get(cid);
        if (copy != null && copy.epoch() == epoch) {
            return Optional.of(copy.bytes());
        }
        Optional<byte[]> found = store.block(cid);
        if (found.isPresent() && found.get().length <= MAX_BLOCK_BYTES) {
            if (bytes.addAndGet(found.get().length) > MAX_BYTES) {
                copies.clear();
                bytes.set(found.get().length);
            }
            copies.put(cid, new Copy(epoch, found.get()));
        }
        return found;
    }

    @Override
    public Optional<ByteBuffer> blockView(Cid cid) {
        return store.blockView(cid);
    }

    @Override
    public void writeCar(Cid root, OutputStream out) throws IOException {
        store.writeCar(root, out);
    }

    /** Copies held now (for tests). */
    int size() {
        return copies.size();
    }
}
