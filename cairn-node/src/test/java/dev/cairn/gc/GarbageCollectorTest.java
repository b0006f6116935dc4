package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.pack.PackBlockStore;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.importer.Importer;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    @TempDir
    Path dir;

    private Database db;
    private PackBlockStore store;
    private final GcBarrier barrier = new GcBarrier();

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        store = PackBlockStore.open(dir, db);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    /** Seeded random bytes; {@code shareFrom} (if not null) gives the first {@code shared} bytes. */
    static byte[] bytes(long seed, int size, byte[] shareFrom, int shared) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        if (shareFrom != null) {
            System.arraycopy(shareFrom, 0, data, 0, shared);
        }
        return data;
    }

    /** Imports {@code data} as a UnixFS file in 1 KiB chunks (dag-pb leaves, so equal chunks are equal blocks). */
    static Cid importInto(BlockStore store, byte[] data) throws Exception {
        try (BlockWriter w = store.writer()) {
            Cid root = new Importer(w, ImportOptions.kubo().toBuilder().chunker("size-1024").build())
                    .addFile("f", new ByteArrayInputStream(data)).cid();
            w.commit();
            return root;
        }
    }

    static Set<Cid> dag(BlockSource source, Cid root) throws Exception {
        Set<Cid> out = new HashSet<>();
        dev.cairn.dag.DagWalker.walk(source, root, (cid, data) -> out.add(cid));
        return out;
    }

    @Test
    void blocksNoLivePinReachesAreRemovedAndEveryReachableBlockIsKept() throws Exception {
        byte[] a = bytes(1, 40_000, null, 0);
        Cid kept = importInto(store, a);
        Cid dropped = importInto(store, bytes(2, 30_000, a, 10_240)); // shares 10 leaves with the kept file
        Set<Cid> keptBlocks = dag(store, kept);
        Set<Cid> droppedOnly = dag(store, dropped);
        droppedOnly.removeAll(keptBlocks);
        long droppedBytes = droppedOnly.stream().mapToLong(c -> store.stat(c).orElseThrow().size()).sum();

        GcReport report = new GarbageCollector(store, root -> root.accept(kept), barrier).collect();

        assertThat(keptBlocks).allMatch(store::has);
        assertThat(droppedOnly).noneMatch(store::has);
        assertThat(report.liveRoots()).isEqualTo(1);
        assertThat(report.marked()).isEqualTo(keptBlocks.size());
        assertThat(report.removed()).isEqualTo(droppedOnly.size());
        assertThat(report.bytesFreed()).isEqualTo(droppedBytes);
        assertThat(report.spared()).isZero();
        assertThat(store.stats().blocks()).isEqualTo(keptBlocks.size());
    }

    /** Two files in one pack (one ingest), so dropping one leaves the pack partly live. */
    private Cid[] importTwoInOnePack(long seed) throws Exception {
        try (BlockWriter w = store.writer()) {
            ImportOptions o = ImportOptions.kubo().toBuilder().chunker("size-1024").build();
            Cid small = new Importer(w, o).addFile("s", new ByteArrayInputStream(bytes(seed, 10_000, null, 0))).cid();
            Cid big = new Importer(w, o).addFile("b", new ByteArrayInputStream(bytes(seed + 1, 90_000, null, 0))).cid();
            w.commit();
            return new Cid[] {small, big};
        }
    }

    private long packBytesOnDisk() throws java.io.IOException {
        try (var s = java.nio.file.Files.walk(dir.resolve("packs"))) {
            return s.filter(p -> p.toString().endsWith(".car")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aCollectionCompactsPacksLeftMostlyDeadSoTheDiskSpaceComesBack() throws Exception {
        Cid[] two = importTwoInOnePack(20);
        Cid kept = two[0];
        Set<Cid> keptBlocks = dag(store, kept);
        long before = packBytesOnDisk();

        GcReport report = new GarbageCollector(store, root -> root.accept(kept), barrier).collect();

        assertThat(report.compaction().packsCompacted()).isEqualTo(1);
        assertThat(report.compaction().blocksMoved()).isEqualTo(keptBlocks.size());
        assertThat(report.compaction().bytesReclaimed()).isEqualTo(before - packBytesOnDisk())
                .isGreaterThan(report.bytesFreed() * 9 / 10);
        for (Cid c : keptBlocks) {
            assertThat(c.multihash().matches(store.get(c).orElseThrow())).isTrue();
        }
    }

    @Test
    void withCompactionSwitchedOffOrInAPreviewThePacksStayAsTheyAre() throws Exception {
        Cid[] two = importTwoInOnePack(30);
        long before = packBytesOnDisk();

        GcReport preview = new GarbageCollector(store, root -> root.accept(two[0]), barrier).preview();
        GcReport off = new GarbageCollector(store, root -> root.accept(two[0]), barrier,
                new GcPolicy(0, GcPolicy.DEFAULT.keepDeletedPins())).collect();

        assertThat(preview.compaction()).isEqualTo(dev.cairn.store.Compaction.NONE);
        assertThat(off.removed()).isPositive();
        assertThat(off.compaction()).isEqualTo(dev.cairn.store.Compaction.NONE);
        assertThat(packBytesOnDisk()).isEqualTo(before);
    }

    @Test
    void aCollectionPurgesPinTombstonesOlderThanThePolicySaysAndAPreviewPurgesNothing() {
        List<java.time.Instant> cutoffs = new ArrayList<>();
        LivePins pins = new LivePins() {
            @Override
            public void forEachLiveRoot(java.util.function.Consumer<? super Cid> root) { }

            @Override
            public long purgeDeletedBefore(java.time.Instant cutoff) {
                cutoffs.add(cutoff);
                return 5;
            }
        };
        GarbageCollector gc = new GarbageCollector(store, pins, barrier, new GcPolicy(0.5, java.time.Duration.ofDays(3)));

        assertThat(gc.preview().pinsPurged()).isZero();
        assertThat(cutoffs).isEmpty();
        java.time.Instant before = java.time.Instant.now();
        GcReport report = gc.collect();
        java.time.Instant after = java.time.Instant.now();

        assertThat(report.pinsPurged()).isEqualTo(5);
        assertThat(cutoffs).singleElement().satisfies(c -> assertThat(c)
                .isBetween(before.minus(java.time.Duration.ofDays(3)), after.minus(java.time.Duration.ofDays(3))));
    }

    @Test
    void rawLeavesOfACidV1DagAreKeptWithoutBeingRead() throws Exception {
        ImportOptions v1 = ImportOptions.unixfsV1_2025().toBuilder().chunker("size-1024").build();
        Cid kept;
        Cid dropped;
        try (BlockWriter w = store.writer()) {
            kept = new Importer(w, v1).addFile("a", new ByteArrayInputStream(bytes(10, 9_000, null, 0))).cid();
            dropped = new Importer(w, v1).addFile("b", new ByteArrayInputStream(bytes(11, 9_000, null, 0))).cid();
            w.commit();
        }
        Set<Cid> keptBlocks = dag(store, kept);
        Set<Cid> droppedBlocks = dag(store, dropped);

        GcReport report = new GarbageCollector(store, root -> root.accept(kept), barrier).collect();

        assertThat(keptBlocks).allMatch(store::has);
        assertThat(droppedBlocks).noneMatch(store::has);
        assertThat(report.marked()).isEqualTo(keptBlocks.size());
    }

    @Test
    void aSecondCollectionFindsNothingMoreToRemove() throws Exception {
        Cid kept = importInto(store, bytes(3, 10_000, null, 0));
        importInto(store, bytes(4, 10_000, null, 0));
        GarbageCollector gc = new GarbageCollector(store, root -> root.accept(kept), barrier);
        gc.collect();

        GcReport again = gc.collect();

        assertThat(again.removed()).isZero();
        assertThat(dag(store, kept)).allMatch(store::has);
    }

    @Test
    void whatIsStoredOfAPartlyFetchedDagIsKeptAndMissingBlocksAreSkipped() throws Exception {
        Cid root = importInto(store, bytes(5, 20_000, null, 0));
        List<Cid> blocks = new ArrayList<>(dag(store, root));
        blocks.remove(root);
        Cid missing = blocks.get(3);
        store.delete(List.of(missing.multihash()));

        GcReport report = new GarbageCollector(store, r -> r.accept(root), barrier).collect();

        assertThat(report.removed()).isZero();
        assertThat(blocks.stream().filter(c -> !c.equals(missing))).allMatch(store::has);
    }

    @Test
    void aBlockAnIngestFoundStoredIsSparedUntilTheIngestEnds() throws Exception {
        Cid old = importInto(store, bytes(6, 8_000, null, 0)); // its pin was deleted: garbage
        Cid reused = dag(store, old).stream().filter(c -> !c.equals(old)).findFirst().orElseThrow();
        GarbageCollector gc = new GarbageCollector(store, root -> { }, barrier);

        Ingest ingest = barrier.begin();
        assertThat(ingest.source(store).get(reused)).isPresent(); // a fetcher sees it stored, moves on
        GcReport during = gc.collect();

        assertThat(store.has(reused)).isTrue();
        assertThat(store.has(old)).isFalse();
        assertThat(during.spared()).isEqualTo(1);
        ingest.close();
        gc.collect();
        assertThat(store.has(reused)).as("garbage once no ingest relies on it").isFalse();
    }

    @Test
    void aBlockAWriterSkippedBecauseItWasStoredIsSparedWhileTheWriterIsOpen() throws Exception {
        byte[] data = bytes(7, 8_000, null, 0);
        Cid old = importInto(store, data);
        Set<Cid> oldBlocks = dag(store, old);
        BlockStore guarded = barrier.guard(store);
        GarbageCollector gc = new GarbageCollector(store, root -> { }, barrier);

        try (BlockWriter w = guarded.writer()) {
            Cid again = new Importer(w, ImportOptions.kubo().toBuilder().chunker("size-1024").build())
                    .addFile("f", new ByteArrayInputStream(data)).cid();
            assertThat(again).isEqualTo(old);
            assertThat(w.written().blocks()).as("every block was skipped as already stored").isZero();
            gc.collect();
            assertThat(oldBlocks).allMatch(store::has);
            w.commit();
        }
        assertThat(barrier.openIngests()).isZero();
    }

    @Test
    void aBlockAnOpenWriterReliesOnSurvivesTheCompactionOfItsPackAndStillReads() throws Exception {
        Cid old = importInto(store, bytes(9, 20_000, null, 0)); // unpinned: all garbage but one block
        Cid reused = dag(store, old).stream().filter(c -> !c.equals(old)).findFirst().orElseThrow();
        byte[] reusedBytes = store.get(reused).orElseThrow();
        long oldPack = store.stat(reused).orElseThrow().pack();
        GarbageCollector gc = new GarbageCollector(store, root -> { }, barrier);

        try (BlockWriter w = barrier.guard(store).writer()) {
            w.put(dev.cairn.block.Block.verified(reused, reusedBytes)); // already stored: skipped, relied on
            GcReport report = gc.collect();

            assertThat(report.spared()).isEqualTo(1);
            assertThat(report.packsCompacted()).as("the old pack was left one block live").isEqualTo(1);
            assertThat(store.stat(reused).orElseThrow().pack()).as("moved to a new pack").isNotEqualTo(oldPack);
            w.commit();
        }
        assertThat(store.get(reused).orElseThrow()).isEqualTo(reusedBytes);
    }

    @Test
    void anIngestThatEndsWhileACollectionRunsStaysProtectedUntilItEnds() throws Exception {
        Cid old = importInto(store, bytes(8, 8_000, null, 0));
        Set<Cid> oldBlocks = dag(store, old);
        Ingest ingest = barrier.begin();
        BlockSource seen = ingest.source(store);
        for (Cid c : oldBlocks) {
            seen.get(c);
        }
        // The ingest commits (its pin row with it) after the mark phase read the live pins: the
        // collector never saw that pin, yet must not sweep its blocks.
        LivePins endsDuringMark = root -> ingest.close();

        GcReport report = new GarbageCollector(store, endsDuringMark, barrier).collect();

        assertThat(oldBlocks).allMatch(store::has);
        assertThat(report.spared()).isEqualTo(oldBlocks.size());
    }

    @Test
    void twoCollectorsOnOneBarrierRunOneAfterTheOther() throws Exception {
        Cid garbage = importInto(store, bytes(12, 8_000, null, 0));
        int blocks = dag(store, garbage).size();
        CountDownLatch inMark = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LivePins slowPins = root -> {
            inMark.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        CompletableFuture<GcReport> first = CompletableFuture.supplyAsync(
                new GarbageCollector(store, slowPins, barrier)::collect);
        inMark.await();
        CompletableFuture<GcReport> second = CompletableFuture.supplyAsync(
                new GarbageCollector(store, root -> { }, barrier)::collect);

        release.countDown();

        assertThat(first.get().removed()).isEqualTo(blocks);
        assertThat(second.get().removed()).as("the second ran after the first, finding nothing").isZero();
    }

    @Test
    void aSweptBlockIsWrittenAgainByAWriterThatPutsItAfterwards() throws Exception {
        byte[] data = bytes(9, 4_000, null, 0);
        Cid old = importInto(store, data);
        new GarbageCollector(store, root -> { }, barrier).collect();
        assertThat(store.has(old)).isFalse();

        Cid again = importInto(barrier.guard(store), data);

        assertThat(dag(store, again)).allMatch(store::has);
    }
}
