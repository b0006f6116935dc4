package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.BlockStat;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.TestBlocks;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read path's channel cache: eviction and interrupts under concurrent readers. */
class PackReaderTest {
    private static final long SEED = 0x5EADL;

    @TempDir
    Path home;

    Database db;
    PackBlockStore store;
    final List<Block> blocks = new ArrayList<>();

    @BeforeEach
    void fillManySmallPacks() {
        db = Database.openSqlite(home.resolve("cairn.db"));
        // 1 KiB packs: every block gets a pack of its own, far more packs than open channels
        store = PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(1024).withMaxOpenPacks(3));
        Random random = new Random(SEED);
        for (int i = 0; i < 60; i++) {
            blocks.add(TestBlocks.raw(random, 1100 + random.nextInt(2000)));
        }
        try (BlockWriter w = store.writer()) {
            blocks.forEach(w::put);
            w.commit();
        }
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    @Test
    void concurrentReadersSurviveChannelsBeingEvictedUnderThem() throws Exception {
        assertThat(blocks.stream().map(b -> store.stat(b.cid()).orElseThrow().pack()).distinct().count()).isEqualTo(60);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                long seed = SEED + t;
                readers.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        Block b = blocks.get(r.nextInt(blocks.size()));
                        assertThat(store.get(b.cid()).orElseThrow()).as("seed %d read %d", seed, i).isEqualTo(b.data());
                    }
                    return null;
                }));
            }
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedReaderFailsAloneAndTheChannelIsReopenedForOthers() throws Exception {
        Block b = blocks.get(0);
        BlockStat stat = store.stat(b.cid()).orElseThrow();
        PackReader reader = new PackReader(home.resolve("packs"), PackFiles.DEFAULT, 4);
        try {
            assertThat(reader.read(stat.pack(), stat.offset(), stat.size())).isEqualTo(b.data());
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> reader.read(stat.pack(), stat.offset(), stat.size()))
                        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("interrupted");
            } finally {
                Thread.interrupted();
            }
            assertThat(reader.read(stat.pack(), stat.offset(), stat.size())).isEqualTo(b.data());
        } finally {
            reader.close();
        }
    }
}
