package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.PinningConfig;
import dev.cairn.db.Database;
import dev.cairn.pin.job.CopyingDagFetcher;
import dev.cairn.pin.job.FakeClock;
import dev.cairn.pin.job.JdbcJobQueue;
import dev.cairn.pin.job.PinWorkers;
import dev.cairn.pin.job.TablePins;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.store.pack.PackBlockStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GC runs over and over while a pin job fetches a DAG that shares half its blocks with a DAG
 * whose pin was deleted: the job finds the shared blocks stored and does not fetch them. Every
 * block of the new pin must be there when it is pinned; the old pin's other blocks must go.
 */
class GcWhilePinningTest {
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void aJobReusingBlocksOfADeletedPinNeverLosesThemToACollectionRunningMeanwhile() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long seed = 0x6C0L + round;
            Path home = dir.resolve("round-" + round);
            try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                    PackBlockStore local = PackBlockStore.open(home, db)) {
                MemoryBlockStore remote = new MemoryBlockStore();
                byte[] oldData = GarbageCollectorTest.bytes(seed, 120_000, null, 0);
                Cid old = GarbageCollectorTest.importInto(local, oldData);
                Cid fresh = GarbageCollectorTest.importInto(remote,
                        GarbageCollectorTest.bytes(seed + 1000, 120_000, oldData, 60_000 + 1024 * round));
                Set<Cid> freshBlocks = GarbageCollectorTest.dag(remote, fresh);
                Set<Cid> oldOnly = new HashSet<>(GarbageCollectorTest.dag(local, old));
                oldOnly.removeAll(freshBlocks);
                assertThat(freshBlocks.stream().filter(local::has).count()).as("blocks shared").isGreaterThan(50);

                JdbcJobQueue queue = new JdbcJobQueue(db, new FakeClock());
                TablePins pins = new TablePins(db, queue);
                GcBarrier barrier = new GcBarrier();
                GarbageCollector gc = new GarbageCollector(local, pins, barrier);
                // The fetch walks the shared first half (found stored: not fetched), fetches some of
                // the rest, then pauses: collections then run while the job relies on blocks only
                // the deleted pin reached. After it resumes, collections keep running until it is done.
                CountDownLatch resume = new CountDownLatch(1);
                CopyingDagFetcher fetcher = new CopyingDagFetcher(remote).delayPerBlock(1).pauseAfter(10, resume);
                UUID id = pins.add(1, fresh);
                int collections = 0;
                try (PinWorkers workers = new PinWorkers(queue, local, barrier, fetcher, pins, "node",
                        PinWorkers.Options.from(PinningConfig.defaults())
                                .withHeartbeat(Duration.ofMillis(20), Duration.ofMillis(20)))) {
                    workers.start();
                    fetcher.paused.await();
                    GcReport during = gc.collect();
                    collections++;
                    assertThat(during.spared()).as("round %d: blocks the job found stored", round).isPositive();
                    resume.countDown();
                    while (!"pinned".equals(pins.status(id))) {
                        assertThat(pins.status(id)).as("round %d", round).isNotEqualTo("failed");
                        gc.collect();
                        collections++;
                    }
                }

                String why = "round " + round + " after " + collections + " collections";
                assertThat(collections).as(why).isPositive();
                assertThat(freshBlocks).as(why).allMatch(local::has);
                gc.collect();
                assertThat(freshBlocks).as(why).allMatch(local::has);
                assertThat(oldOnly).as(why).noneMatch(local::has);
            }
        }
    }
}
