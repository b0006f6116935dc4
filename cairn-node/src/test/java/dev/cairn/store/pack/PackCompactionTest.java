package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.BlockStat;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.Compaction;
import dev.cairn.store.StoreStats;
import dev.cairn.store.TestBlocks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction: partly dead packs are rewritten, the space comes back, every live block stays. */
class PackCompactionTest {
    private static final long SEED = 0xC0A1L;
    static final long PACK_SIZE = 64 * 1024;

    @TempDir
    Path home;

    final Random random = new Random(SEED);
    Database db;
    PackBlockStore store;

    @BeforeEach
    void open() {
        db = Database.openSqlite(home.resolve("cairn.db"));
        store = PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(PACK_SIZE));
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    /** Blocks of one ingest, committed. */
    static List<Block> ingest(PackBlockStore store, Random random, int count) {
        List<Block> blocks = TestBlocks.raw(random, count, 4_000);
        try (BlockWriter w = store.writer()) {
            blocks.forEach(w::put);
            w.commit();
        }
        return blocks;
    }

    /** Deletes a {@code share} of {@code blocks} chosen at random; returns the deleted ones. */
    static List<Block> deleteShare(PackBlockStore store, Random random, List<Block> blocks, double share) {
        List<Block> doomed = blocks.stream().filter(b -> random.nextDouble() < share).toList();
        store.delete(doomed.stream().map(b -> b.cid().multihash()).toList());
        return doomed;
    }

    static long packBytesOnDisk(Path home) throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("packs"))) {
            return s.filter(p -> PackFormat.id(p).isPresent()).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static Set<Long> packFiles(Path home) throws IOException {
        Set<Long> ids = new HashSet<>();
        try (Stream<Path> s = Files.walk(home.resolve("packs"))) {
            s.filter(Files::isRegularFile).forEach(p -> PackFormat.id(p).ifPresent(ids::add));
        }
        return ids;
    }

    static Set<Long> packRows(Database db) {
        return db.read(c -> {
            Set<Long> ids = new HashSet<>();
            try (var rs = c.createStatement().executeQuery("SELECT id FROM packs")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    /** Every block reads back byte for byte and hashes to its CID. */
    static void assertAllReadAndVerify(PackBlockStore store, List<Block> blocks) {
        for (Block b : blocks) {
            byte[] got = store.get(b.cid()).orElseThrow(() -> new AssertionError("missing " + b.cid()));
            assertThat(got).as("block %s", b.cid()).isEqualTo(b.data());
            assertThat(b.cid().multihash().matches(got)).isTrue();
        }
    }

    @Test
    void compactionGivesBackTheSpaceOfDeletedBlocksAndEveryLiveBlockStillReads() throws IOException {
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(ingest(store, random, 120));
        }
        List<Block> deleted = deleteShare(store, random, all, 0.8);
        List<Block> live = all.stream().filter(b -> !deleted.contains(b)).toList();
        StoreStats stats = store.stats();
        long before = packBytesOnDisk(home);

        Compaction c = store.compact(0.5);

        long after = packBytesOnDisk(home);
        assertThat(c.packsCompacted()).isGreaterThan(0);
        assertThat(c.bytesReclaimed()).isEqualTo(before - after);
        assertThat(after).as("deleted blocks took ~80%% of %d bytes", before).isLessThan(before / 2);
        assertThat(c.blocksMoved()).isLessThanOrEqualTo(live.size()).isPositive();
        assertThat(c.corruptBlocks()).isZero();
        assertAllReadAndVerify(store, live);
        assertThat(deleted).noneMatch(b -> store.has(b.cid()));
        assertThat(store.stats()).as("the same blocks, only elsewhere").isEqualTo(stats);
        assertThat(packFiles(home)).isEqualTo(packRows(db));
    }

    @Test
    void viewsLentBeforeACompactionStayReadableAfterItDeletesTheirPacksAndNewViewsFollowTheBlocks()
            throws IOException {
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(ingest(store, random, 120));
        }
        List<Block> deleted = deleteShare(store, random, all, 0.8);
        List<Block> live = all.stream().filter(b -> !deleted.contains(b)).toList();
        // Lent as a response streaming a file would hold them, then the packs under them go.
        List<ByteBuffer> lent = live.stream().map(b -> store.view(b.cid()).orElseThrow()).toList();
        Set<Long> oldPacks = packFiles(home);

        assertThat(store.compact(0.5).packsCompacted()).isPositive();

        assertThat(packFiles(home)).as("compaction deleted pack files that views were lent from")
                .doesNotContainAnyElementsOf(oldPacks);
        for (int i = 0; i < live.size(); i++) {
            Block b = live.get(i);
            assertThat(bytes(lent.get(i))).as("view lent before, of %s", b.cid()).isEqualTo(b.data());
            assertThat(bytes(store.view(b.cid()).orElseThrow())).as("view after, of %s", b.cid()).isEqualTo(b.data());
        }
    }

    private static byte[] bytes(ByteBuffer view) {
        byte[] out = new byte[view.remaining()];
        view.get(view.position(), out);
        return out;
    }

    @Test
    void packsStillMostlyLiveAreLeftAlone() throws IOException {
        List<Block> all = ingest(store, random, 200);
        deleteShare(store, random, all, 0.1);
        Set<Long> files = packFiles(home);

        assertThat(store.compact(0.5)).isEqualTo(Compaction.NONE);
        assertThat(packFiles(home)).isEqualTo(files);
    }

    @Test
    void aPackWithEveryBlockLiveIsNeverRewrittenWhateverTheThreshold() throws IOException {
        ingest(store, random, 200);
        Set<Long> files = packFiles(home);

        assertThat(store.compact(1.0)).isEqualTo(Compaction.NONE);
        assertThat(packFiles(home)).isEqualTo(files);
    }

    @Test
    void aSecondCompactionFindsNothingToDo() {
        List<Block> all = ingest(store, random, 200);
        deleteShare(store, random, all, 0.7);
        assertThat(store.compact(0.5).packsCompacted()).isPositive();

        assertThat(store.compact(0.5)).isEqualTo(Compaction.NONE);
    }

    @Test
    void thresholdZeroNeverCompactsAndAThresholdOutsideZeroToOneIsRefused() {
        List<Block> all = ingest(store, random, 100);
        deleteShare(store, random, all, 0.9);

        assertThat(store.compact(0)).isEqualTo(Compaction.NONE);
        assertThatThrownBy(() -> store.compact(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> store.compact(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallPartlyDeadPacksAreMergedIntoFewerPacks() throws IOException {
        List<Block> live = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<Block> blocks = ingest(store, random, 10); // each ingest its own small pack
            live.add(blocks.get(0));
            store.delete(blocks.subList(1, blocks.size()).stream().map(b -> b.cid().multihash()).toList());
        }
        assertThat(packFiles(home)).hasSize(10);

        Compaction c = store.compact(0.5);

        assertThat(c.packsCompacted()).isEqualTo(10);
        assertThat(c.packsWritten()).isEqualTo(1);
        assertThat(c.blocksMoved()).isEqualTo(10);
        assertThat(packFiles(home)).hasSize(1);
        assertAllReadAndVerify(store, live);
    }

    @Test
    void aLiveBlockThatNoLongerVerifiesIsLeftInPlaceAndCounted() throws IOException {
        List<Block> all = ingest(store, random, 12);
        Block bad = all.get(3);
        List<Block> live = List.of(all.get(2), bad, all.get(7));
        store.delete(all.stream().filter(b -> !live.contains(b)).map(b -> b.cid().multihash()).toList());
        BlockStat at = store.stat(bad.cid()).orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(PackFormat.path(home.resolve("packs"), at.pack()).toFile(), "rw")) {
            f.seek(at.offset());
            int first = f.read();
            f.seek(at.offset());
            f.write(first ^ 0xff); // bit rot
        }

        Compaction c = store.compact(0.5);

        assertThat(c.corruptBlocks()).isEqualTo(1);
        assertThat(c.blocksMoved()).isEqualTo(2);
        assertThat(c.packsCompacted()).as("the old pack still holds the corrupt block").isZero();
        assertThat(store.stat(bad.cid()).orElseThrow()).isEqualTo(at);
        assertThat(Files.exists(PackFormat.path(home.resolve("packs"), at.pack()))).isTrue();
        assertAllReadAndVerify(store, List.of(all.get(2), all.get(7)));
        assertThat(packFiles(home)).isEqualTo(packRows(db));
    }

    @Test
    void aCompactedStoreReopensWithoutRecoveryHavingAnythingToDo() {
        List<Block> all = ingest(store, random, 300);
        List<Block> deleted = deleteShare(store, random, all, 0.75);
        store.compact(0.5);
        store.close();

        store = PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(PACK_SIZE));

        assertThat(store.orphansDeletedAtOpen()).isZero();
        assertAllReadAndVerify(store, all.stream().filter(b -> !deleted.contains(b)).toList());
    }

    @Test
    void newPacksAreCarFilesAnIndependentReaderAcceptsHoldingExactlyTheLiveBlocks() throws Exception {
        List<Block> all = ingest(store, random, 40);
        List<Block> deleted = deleteShare(store, random, all, 0.8);
        List<String> live = all.stream().filter(b -> !deleted.contains(b)).map(b -> b.cid().toString()).toList();
        assertThat(store.compact(0.5).packsWritten()).isEqualTo(1);

        long id = packFiles(home).iterator().next();
        var report = dev.cairn.interop.CarInspect.inspect(PackFormat.path(home.resolve("packs"), id)); // @ipld/car
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.cids()).containsExactlyInAnyOrderElementsOf(live);
    }
}
