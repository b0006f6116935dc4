package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.dag.DagExport;
import dev.cairn.multiformats.Multicodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Copies of small blocks, served only while no delete could have removed them. */
class SmallBlockCacheTest {
    final Map<Cid, byte[]> stored = new ConcurrentHashMap<>();
    final AtomicInteger storeReads = new AtomicInteger();
    final AtomicLong epoch = new AtomicLong();
    final ContentBackend store = new ContentBackend() {
        @Override
        public Optional<byte[]> block(Cid cid) {
            storeReads.incrementAndGet();
            return Optional.ofNullable(stored.get(cid));
        }

        @Override
        public void writeCar(Cid root, OutputStream out) throws IOException {
            DagExport.writeCar(this::block, root, out);
        }
    };
    final SmallBlockCache cache = new SmallBlockCache(store, epoch::get);

    Cid put(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        dev.cairn.block.Block b = dev.cairn.block.Block.of(Multicodec.RAW, data);
        stored.put(b.cid(), b.data());
        return b.cid();
    }

    @Test
    void aSmallBlockIsReadFromTheStoreOnceWhileNothingIsDeleted() {
        Cid cid = put(1024, 1);
        byte[] first = cache.block(cid).orElseThrow();
        for (int i = 0; i < 5; i++) {
            assertThat(cache.block(cid)).contains(first);
        }
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void afterADeleteStartedNoCopyIsServedAndARemovedBlockIsGone() {
        Cid kept = put(1024, 1);
        Cid removed = put(1024, 2);
        cache.block(kept);
        cache.block(removed);
        epoch.incrementAndGet(); // a delete starts...
        stored.remove(removed);
        epoch.incrementAndGet(); // ...and ends
        assertThat(cache.block(removed)).isEmpty();
        assertThat(cache.block(kept)).isPresent();
        assertThat(storeReads).hasValue(4);
    }

    @Test
    void absenceIsNeverKeptSoABlockAddedLaterIsFound() {
        Cid cid = put(100, 3);
        byte[] data = stored.remove(cid);
        assertThat(cache.block(cid)).isEmpty();
        stored.put(cid, data);
        assertThat(cache.block(cid)).contains(data);
    }

    @Test
    void largeBlocksAreNotKeptAndTheBudgetIsNeverExceeded() {
        Cid big = put(SmallBlockCache.MAX_BLOCK_BYTES + 1, 4);
        cache.block(big);
        cache.block(big);
        assertThat(storeReads).hasValue(2);
        assertThat(cache.size()).isZero();

        int blocks = (int) (SmallBlockCache.MAX_BYTES / SmallBlockCache.MAX_BLOCK_BYTES) + 10;
        for (int i = 0; i < blocks; i++) {
            cache.block(put(SmallBlockCache.MAX_BLOCK_BYTES, 100 + i));
            assertThat((long) cache.size() * SmallBlockCache.MAX_BLOCK_BYTES).isLessThanOrEqualTo(SmallBlockCache.MAX_BYTES);
        }
    }
}
