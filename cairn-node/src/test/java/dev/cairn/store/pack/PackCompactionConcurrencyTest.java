package dev.cairn.store.pack;

import static dev.cairn.store.pack.PackCompactionTest.assertAllReadAndVerify;
import static dev.cairn.store.pack.PackCompactionTest.packFiles;
import static dev.cairn.store.pack.PackCompactionTest.packRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.Compaction;
import dev.cairn.store.TestBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction while readers and writers go on: seeded loops, no timing. Readers must never find a
 * stored block missing or wrong, even when its pack is deleted between their lookup and their
 * read; writers must never lose a block they skipped because the store already had it.
 */
class PackCompactionConcurrencyTest {
    private static final long SEED = 0xC0C0L;
    private static final int ROUNDS = 30;
    private static final int READERS = 3;

    @TempDir
    Path home;

    @Test
    void readersAndWritersNeverMissABlockWhileCompactionRewritesPacksUnderThem() throws Exception {
        try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                PackBlockStore store = PackBlockStore.open(home, db,
                        PackOptions.defaults().withPackSize(32 * 1024).withFsync(false))) {
            Random main = new Random(SEED);
            List<Block> kept = new CopyOnWriteArrayList<>(); // never deleted: readers pick from these
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            List<Block> written = new CopyOnWriteArrayList<>(); // committed by the concurrent writer
            kept.addAll(PackCompactionTest.ingest(store, main, 20));

            ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
            List<Future<?>> workers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                Random random = new Random(SEED + 1 + r);
                workers.add(pool.submit(() -> {
                    while (!done.get()) {
                        // Half the reads go to the newest blocks, whose packs compaction rewrites next.
                        int n = kept.size();
                        Block b = kept.get(random.nextBoolean() ? random.nextInt(n) : n - 1 - random.nextInt(Math.min(n, 40)));
                        try {
                            byte[] got = store.get(b.cid()).orElse(null);
                            if (got == null || !b.cid().multihash().matches(got)) {
                                failures.add((got == null ? "missing " : "wrong bytes for ") + b.cid());
                            }
                        } catch (RuntimeException e) {
                            failures.add("reading " + b.cid() + ": " + e);
                        }
                        reads.incrementAndGet();
                    }
                    return null;
                }));
            }
            Random writerRandom = new Random(SEED - 1);
            workers.add(pool.submit(() -> {
                while (!done.get()) {
                    // New blocks plus blocks already stored (skipped by the writer, moved by compaction).
                    List<Block> blocks = new ArrayList<>(TestBlocks.raw(writerRandom, 5, 3_000));
                    for (int i = 0; i < 5; i++) {
                        blocks.add(kept.get(writerRandom.nextInt(kept.size())));
                    }
                    try (BlockWriter w = store.writer()) {
                        blocks.forEach(w::put);
                        w.commit();
                    }
                    written.addAll(blocks);
                }
                return null;
            }));

            long compacted = 0;
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    List<Block> blocks = TestBlocks.raw(main, 40, 3_000);
                    try (BlockWriter w = store.writer()) {
                        blocks.forEach(w::put);
                        w.commit();
                    }
                    List<Block> doomed = new ArrayList<>();
                    for (Block b : blocks) {
                        (main.nextDouble() < 0.7 ? doomed : kept).add(b);
                    }
                    // Only blocks no one else wrote: the concurrent writer never picks these.
                    store.delete(doomed.stream().map(b -> b.cid().multihash()).toList());
                    Compaction c = store.compact(0.5);
                    compacted += c.packsCompacted();
                }
            } finally {
                done.set(true);
                pool.shutdown();
                assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            }
            for (Future<?> f : workers) {
                f.get();
            }

            assertThat(failures).as("seed %d", SEED).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(compacted).as("seed %d: compaction had work in most rounds", SEED).isGreaterThan(ROUNDS);
            assertAllReadAndVerify(store, kept);
            assertAllReadAndVerify(store, written);
            assertThat(packFiles(home)).isEqualTo(packRows(db));
        }
    }
}
