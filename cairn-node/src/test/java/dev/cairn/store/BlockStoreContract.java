package dev.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.block.BlockMismatchException;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.UnsupportedHashException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlockStore} promises. A subclass says how to open (and reopen) its store;
 * {@link #reopen} may return null when the implementation keeps nothing across instances.
 */
public abstract class BlockStoreContract {
    protected static final long SEED = 0xCA1125L;
    protected final Random random = new Random(SEED);
    protected BlockStore store;

    /** A fresh, empty store. */
    protected abstract BlockStore open() throws Exception;

    /** Closes {@code current} and opens the same storage again, or null when not durable. */
    protected abstract BlockStore reopen(BlockStore current) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void commit(Block... blocks) {
        try (BlockWriter w = store.writer()) {
            for (Block b : blocks) {
                w.put(b);
            }
            w.commit();
        }
    }

    @Test
    void committedBlockReadsBackByItsCid() {
        Block b = TestBlocks.raw(random, 1000);
        commit(b);
        assertThat(store.get(b.cid())).hasValueSatisfying(d -> assertThat(d).isEqualTo(b.data()));
        assertThat(store.has(b.cid())).isTrue();
        assertThat(store.require(b.cid())).isEqualTo(b.data());
        BlockStat stat = store.stat(b.cid()).orElseThrow();
        assertThat(stat.size()).isEqualTo(1000);
        assertThat(stat.codec()).isEqualTo(Multicodec.RAW.code());
    }

    @Test
    void aViewHoldsTheSameBytesAsGetAndCannotChangeThem() {
        List<Block> blocks = TestBlocks.raw(random, 20, 3_000);
        commit(blocks.toArray(Block[]::new));
        for (Block b : blocks) {
            ByteBuffer view = store.view(b.cid()).orElseThrow();
            assertThat(view.position()).isZero();
            assertThat(view.remaining()).isEqualTo(b.data().length);
            byte[] seen = new byte[view.remaining()];
            view.get(0, seen);
            assertThat(seen).as("view of %s", b.cid()).isEqualTo(b.data());
            assertThat(view.isReadOnly()).isTrue();
            assertThatThrownBy(() -> view.put(0, (byte) 1)).isInstanceOf(java.nio.ReadOnlyBufferException.class);
        }
        Block first = blocks.get(0);
        assertThat(store.get(first.cid())).hasValueSatisfying(d -> assertThat(d).isEqualTo(first.data()));
    }

    @Test
    void anAbsentBlockHasNoViewAndAnIdentityCidsViewIsItsDigest() {
        assertThat(store.view(TestBlocks.raw(random, 10).cid())).isEmpty();
        byte[] inline = "inline bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Cid identity = Cid.v1(Multicodec.RAW, Multihash.digest(Multicodec.IDENTITY.code(), inline));
        ByteBuffer view = store.view(identity).orElseThrow();
        byte[] seen = new byte[view.remaining()];
        view.get(0, seen);
        assertThat(seen).isEqualTo(inline);
    }

    @Test
    void absentBlockIsEmptyRatherThanAnError() {
        Cid absent = TestBlocks.raw(random, 10).cid();
        assertThat(store.get(absent)).isEmpty();
        assertThat(store.has(absent)).isFalse();
        assertThat(store.stat(absent)).isEmpty();
    }

    @Test
    void cidV0AndV1OfTheSameBytesAreStoredOnce() {
        byte[] node = new byte[] {0x0a, 0x02, 0x08, 0x01}; // a dag-pb node: UnixFS Data {Type: Directory}
        Block v0 = TestBlocks.v0(node);
        Block v1 = Block.verified(v0.cid().toV1(), node);
        Block rawTwin = Block.verified(Cid.v1(Multicodec.RAW, v0.cid().multihash()), node);
        commit(v0);
        try (BlockWriter w = store.writer()) {
            w.put(v1);
            w.put(rawTwin);
            assertThat(w.written()).isEqualTo(StoreStats.EMPTY);
            w.commit();
        }
        assertThat(store.stats()).isEqualTo(new StoreStats(1, node.length));
        for (Block b : List.of(v0, v1, rawTwin)) {
            assertThat(store.get(b.cid())).hasValueSatisfying(d -> assertThat(d).isEqualTo(node));
        }
    }

    @Test
    void sameBlockPutTwiceByOneWriterIsStoredOnce() {
        Block b = TestBlocks.raw(random, 500);
        try (BlockWriter w = store.writer()) {
            w.put(b);
            w.put(b);
            assertThat(w.written()).isEqualTo(new StoreStats(1, 500));
            w.commit();
        }
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 500));
    }

    @Test
    void identityCidsAreNeverStoredButAlwaysAnswered() {
        byte[] inline = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Cid id = Cid.v1(Multicodec.RAW, Multihash.digest(Multicodec.IDENTITY.code(), inline));
        try (BlockWriter w = store.writer()) {
            w.put(Block.verified(id, inline));
            assertThat(w.written()).isEqualTo(StoreStats.EMPTY);
            w.commit();
        }
        assertThat(store.stats()).isEqualTo(StoreStats.EMPTY);
        assertThat(store.get(id)).hasValueSatisfying(d -> assertThat(d).isEqualTo(inline));
        assertThat(store.has(id)).isTrue();
        assertThat(store.stat(id).orElseThrow().size()).isEqualTo(inline.length);
        List<Multihash> all = new ArrayList<>();
        store.forEachMultihash(all::add);
        assertThat(all).isEmpty();
    }

    @Test
    void mismatchingBytesAreRejectedAndNothingOfThemIsWritten() {
        Block good = TestBlocks.raw(random, 100);
        Block forged = Block.trusted(TestBlocks.raw(random, 100).cid(), good.data());
        try (BlockWriter w = store.writer()) {
            w.put(good);
            assertThatThrownBy(() -> w.put(forged)).isInstanceOf(BlockMismatchException.class);
            assertThat(w.written()).isEqualTo(new StoreStats(1, 100));
            w.commit();
        }
        assertThat(store.has(good.cid())).isTrue();
        assertThat(store.has(forged.cid())).isFalse();
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 100));
    }

    @Test
    void cidWithAnUnsupportedHashIsRejected() {
        byte[] data = {1, 2, 3};
        Cid keccak = Cid.v1(Multicodec.RAW, Multihash.of(0x1b, new byte[32])); // keccak-256
        try (BlockWriter w = store.writer()) {
            assertThatThrownBy(() -> w.put(Block.trusted(keccak, data))).isInstanceOf(UnsupportedHashException.class);
        }
        assertThat(store.has(keccak)).isFalse();
    }

    @Test
    void blockOverTheSizeLimitIsRejected() {
        Block big = TestBlocks.raw(random, Block.MAX_SIZE + 1);
        try (BlockWriter w = store.writer()) {
            assertThatThrownBy(() -> w.put(big)).isInstanceOf(CodecException.class).hasMessageContaining("limit");
        }
        assertThat(store.has(big.cid())).isFalse();
    }

    @Test
    void blocksStayInvisibleUntilCommit() {
        Block b = TestBlocks.raw(random, 100);
        try (BlockWriter w = store.writer()) {
            w.put(b);
            assertThat(store.has(b.cid())).isFalse();
            assertThat(store.get(b.cid())).isEmpty();
            w.commit();
        }
        assertThat(store.has(b.cid())).isTrue();
    }

    @Test
    void abortLeavesNothingVisible() {
        List<Block> blocks = TestBlocks.raw(random, 50, 2000);
        BlockWriter w = store.writer();
        blocks.forEach(w::put);
        w.abort();
        w.abort();
        assertThat(blocks).noneMatch(b -> store.has(b.cid()));
        assertThat(store.stats()).isEqualTo(StoreStats.EMPTY);
        assertThatThrownBy(() -> w.put(blocks.get(0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAWriterWithoutCommitLeavesNothingVisible() {
        Block b = TestBlocks.raw(random, 100);
        try (BlockWriter w = store.writer()) {
            w.put(b);
        }
        assertThat(store.has(b.cid())).isFalse();
    }

    @Test
    void committedWriterRefusesMorePuts() {
        BlockWriter w = store.writer();
        w.commit();
        assertThatThrownBy(() -> w.put(TestBlocks.raw(random, 1))).isInstanceOf(IllegalStateException.class);
        w.close();
    }

    @Test
    void blocksOfTheMaximumSizeRoundTrip() {
        List<Block> big = List.of(TestBlocks.raw(random, Block.MAX_SIZE), TestBlocks.raw(random, Block.MAX_SIZE - 1),
                TestBlocks.raw(random, Block.MAX_SIZE));
        commit(big.toArray(Block[]::new));
        for (Block b : big) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    @Test
    void manySmallBlocksAreAllListedInMultihashOrder() {
        List<Block> blocks = TestBlocks.raw(random, 3000, 64);
        try (BlockWriter w = store.writer()) {
            blocks.forEach(w::put);
            w.commit();
        }
        List<Multihash> listed = new ArrayList<>();
        store.forEachMultihash(listed::add);
        List<Multihash> expected = blocks.stream().map(b -> b.cid().multihash()).distinct().sorted().toList();
        assertThat(listed).isEqualTo(expected);
        long bytes = blocks.stream().distinct().mapToLong(Block::size).sum();
        assertThat(store.stats()).isEqualTo(new StoreStats(expected.size(), bytes));
        for (Block b : blocks) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    @Test
    void deletedBlocksDisappearAndLeaveTheOthers() {
        Block keep = TestBlocks.raw(random, 10);
        Block drop = TestBlocks.raw(random, 20);
        commit(keep, drop);
        long removed = store.delete(List.of(drop.cid().multihash(), TestBlocks.raw(random, 5).cid().multihash()));
        assertThat(removed).isEqualTo(1);
        assertThat(store.has(drop.cid())).isFalse();
        assertThat(store.get(keep.cid())).isPresent();
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 10));
        commit(drop);
        assertThat(store.get(drop.cid()).orElseThrow()).isEqualTo(drop.data());
    }

    @Test
    void compactionKeepsEveryStoredBlockAndChangesNoCount() {
        List<Block> blocks = TestBlocks.raw(random, 60, 5_000);
        commit(blocks.toArray(Block[]::new));
        List<Block> deleted = blocks.subList(0, 45);
        store.delete(deleted.stream().map(b -> b.cid().multihash()).toList());
        StoreStats stats = store.stats();

        store.compact(1.0);

        for (Block b : blocks.subList(45, 60)) {
            assertThat(store.get(b.cid())).as("kept %s", b.cid()).hasValueSatisfying(d -> assertThat(d).isEqualTo(b.data()));
        }
        assertThat(deleted).noneMatch(b -> store.has(b.cid()));
        assertThat(store.stats()).isEqualTo(stats);
        assertThatThrownBy(() -> store.compact(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoWritersRacingOnOneBlockBothCommit() {
        Block shared = TestBlocks.raw(random, 300);
        BlockWriter a = store.writer();
        BlockWriter b = store.writer();
        a.put(shared);
        b.put(shared);
        a.commit();
        b.commit();
        assertThat(store.get(shared.cid()).orElseThrow()).isEqualTo(shared.data());
        assertThat(store.stats()).isEqualTo(new StoreStats(1, 300));
    }

    @Test
    void readersRunConcurrentlyWithCommittingWriters() throws Exception {
        List<Block> old = TestBlocks.raw(random, 200, 4000);
        try (BlockWriter w = store.writer()) {
            old.forEach(w::put);
            w.commit();
        }
        List<List<Block>> batches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batches.add(TestBlocks.raw(random, 50, 4000));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                long seed = SEED + r;
                readers.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    int reads = 0;
                    while (writing.get() || reads < 500) {
                        Block b = old.get(rnd.nextInt(old.size()));
                        assertThat(store.get(b.cid()).orElseThrow()).as("seed %d", seed).isEqualTo(b.data());
                        List<Block> batch = batches.get(rnd.nextInt(batches.size()));
                        Block fresh = batch.get(rnd.nextInt(batch.size()));
                        // a block of a batch being committed is either absent or exactly right
                        store.get(fresh.cid()).ifPresent(d -> assertThat(d).isEqualTo(fresh.data()));
                        reads++;
                    }
                    return reads;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                try {
                    for (List<Block> batch : batches) {
                        try (BlockWriter w = store.writer()) {
                            batch.forEach(w::put);
                            w.commit();
                        }
                    }
                } finally {
                    writing.set(false);
                }
            });
            writer.get();
            for (Future<Integer> r : readers) {
                assertThat(r.get()).isGreaterThanOrEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
        for (List<Block> batch : batches) {
            for (Block b : batch) {
                assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
            }
        }
    }

    @Test
    void reopeningAfterCloseKeepsEverything() throws Exception {
        List<Block> blocks = TestBlocks.raw(random, 100, 5000);
        Block deleted = blocks.get(0);
        try (BlockWriter w = store.writer()) {
            blocks.forEach(w::put);
            w.commit();
        }
        store.delete(List.of(deleted.cid().multihash()));
        StoreStats before = store.stats();
        BlockStore again = reopen(store);
        Assumptions.assumeTrue(again != null, "this store keeps nothing across instances");
        store = again;
        assertThat(store.stats()).isEqualTo(before);
        assertThat(store.has(deleted.cid())).isFalse();
        for (Block b : blocks.subList(1, blocks.size())) {
            assertThat(store.get(b.cid()).orElseThrow()).as(HexFormat.of().formatHex(b.cid().bytes())).isEqualTo(b.data());
        }
    }

    @Test
    void closedStoreRefusesCalls() {
        Block b = TestBlocks.raw(random, 10);
        store.close();
        assertThatThrownBy(() -> store.get(b.cid())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.writer()).isInstanceOf(IllegalStateException.class);
        store = null;
    }
}
