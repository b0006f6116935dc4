package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreStats;
import dev.cairn.store.TestBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures while writing or reading packs, injected through the {@link PackFiles} seam. */
class PackFaultTest {
    private static final long SEED = 0xFA017L;

    @TempDir
    Path home;

    final FaultyPackFiles files = new FaultyPackFiles();
    final Random random = new Random(SEED);
    Database db;
    PackBlockStore store;

    @BeforeEach
    void open() {
        db = Database.openSqlite(home.resolve("cairn.db"));
        store = PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(512 * 1024).withFiles(files));
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    @Test
    void diskFillingUpDuringPutsFailsClearlyAndLeavesNothing() throws IOException {
        List<Block> blocks = TestBlocks.raw(random, 100, 20_000);
        files.diskFullAfter(300_000);
        BlockWriter w = store.writer();
        assertThatThrownBy(() -> blocks.forEach(w::put))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(FaultyPackFiles.DISK_FULL);
        assertThatThrownBy(() -> w.put(blocks.get(0))).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage(FaultyPackFiles.DISK_FULL);
        assertNothingVisibleOrOnDisk(blocks);
        files.heal();
        assertStillUsable(blocks);
    }

    @Test
    void diskFillingUpAtCommitFailsTheCommitAndLeavesNothing() throws IOException {
        List<Block> blocks = TestBlocks.raw(random, 10, 5_000);
        files.diskFullAfter(10_000);
        BlockWriter w = store.writer();
        blocks.forEach(w::put); // still in the write buffer
        assertThatThrownBy(w::commit).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(FaultyPackFiles.DISK_FULL);
        assertNothingVisibleOrOnDisk(blocks);
        files.heal();
        assertStillUsable(blocks);
    }

    @Test
    void failingFileFsyncFailsTheCommitAndLeavesNothing() throws IOException {
        List<Block> blocks = TestBlocks.raw(random, 10, 5_000);
        files.failFileSync();
        BlockWriter w = store.writer();
        blocks.forEach(w::put);
        assertThatThrownBy(w::commit).isInstanceOf(UncheckedIOException.class).hasMessageContaining("fsync file");
        assertNothingVisibleOrOnDisk(blocks);
        files.heal();
        assertStillUsable(blocks);
    }

    @Test
    void failingDirectoryFsyncFailsTheCommitAndLeavesNothing() throws IOException {
        List<Block> blocks = TestBlocks.raw(random, 10, 5_000);
        files.failDirectorySync();
        BlockWriter w = store.writer();
        blocks.forEach(w::put);
        assertThatThrownBy(w::commit).isInstanceOf(UncheckedIOException.class).hasMessageContaining("fsync directory");
        assertNothingVisibleOrOnDisk(blocks);
        files.heal();
        assertStillUsable(blocks);
    }

    @Test
    void failingReadIsAnIoErrorAndTheStoreRecoversWhenTheDiskDoes() {
        Block b = TestBlocks.raw(random, 1000);
        try (BlockWriter w = store.writer()) {
            w.put(b);
            w.commit();
        }
        files.failReads();
        assertThatThrownBy(() -> store.get(b.cid())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Input/output error");
        assertThat(store.has(b.cid())).isTrue();
        files.heal();
        assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
    }

    @Test
    void withFsyncOffNoForceIsAttempted() {
        Path other = home.resolve("nosync");
        files.failFileSync().failDirectorySync();
        try (Database otherDb = Database.openSqlite(other.resolve("cairn.db"));
                PackBlockStore unsynced = PackBlockStore.open(other, otherDb,
                        PackOptions.defaults().withFsync(false).withFiles(files))) {
            Block b = TestBlocks.raw(random, 1000);
            try (BlockWriter w = unsynced.writer()) {
                w.put(b);
                w.commit();
            }
            assertThat(unsynced.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    /** Seeded: a disk that fills at a random byte makes each ingest all-or-nothing, never partial. */
    @Test
    void randomDiskFullPointsNeverLeaveAPartialIngest() throws IOException {
        List<Block> committed = new ArrayList<>();
        int failures = 0;
        for (int round = 0; round < 40; round++) {
            List<Block> blocks = TestBlocks.raw(random, 1 + random.nextInt(60), 30_000);
            files.diskFullAfter(random.nextInt(1_500_000));
            boolean ok;
            try (BlockWriter w = store.writer()) {
                blocks.forEach(w::put);
                w.commit();
                ok = true;
            } catch (UncheckedIOException e) {
                assertThat(e).as("seed %d round %d", SEED, round).hasMessageContaining(FaultyPackFiles.DISK_FULL);
                ok = false;
                failures++;
            }
            files.heal();
            String why = "seed " + SEED + " round " + round + " committed=" + ok;
            for (Block b : blocks) {
                boolean earlier = committed.contains(b);
                assertThat(store.has(b.cid())).as(why).isEqualTo(ok || earlier);
            }
            if (ok) {
                committed.addAll(blocks);
            }
            assertThat(packsOnDisk()).as(why).isEqualTo(packsIndexed());
        }
        assertThat(failures).as("seed %d: both outcomes must occur", SEED).isBetween(1, 39);
        for (Block b : committed) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    private void assertNothingVisibleOrOnDisk(List<Block> blocks) throws IOException {
        assertThat(blocks).noneMatch(b -> store.has(b.cid()));
        assertThat(store.stats()).isEqualTo(StoreStats.EMPTY);
        assertThat(packsOnDisk()).isZero();
    }

    private void assertStillUsable(List<Block> blocks) {
        try (BlockWriter w = store.writer()) {
            blocks.forEach(w::put);
            w.commit();
        }
        for (Block b : blocks) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    private long packsOnDisk() throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("packs"))) {
            return s.filter(p -> p.toString().endsWith(".car")).count();
        }
    }

    private long packsIndexed() {
        return db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM packs")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
