package dev.cairn.store.pack;

import static dev.cairn.store.pack.PackCompactionTest.assertAllReadAndVerify;
import static dev.cairn.store.pack.PackCompactionTest.deleteShare;
import static dev.cairn.store.pack.PackCompactionTest.ingest;
import static dev.cairn.store.pack.PackCompactionTest.packFiles;
import static dev.cairn.store.pack.PackCompactionTest.packRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.Compaction;
import dev.cairn.store.StoreStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction under I/O faults ({@link FaultyPackFiles}) and failures injected between its steps:
 * the store is left as it was, or with only garbage recovery removes, never with a block missing.
 */
class PackCompactionFaultTest {
    private static final long SEED = 0xC0FA17L;

    @TempDir
    Path home;

    final FaultyPackFiles files = new FaultyPackFiles();
    final Random random = new Random(SEED);
    Database db;
    PackBlockStore store;
    List<Block> live;
    StoreStats stats;
    Set<Long> packsBefore;

    @BeforeEach
    void open() throws IOException {
        db = Database.openSqlite(home.resolve("cairn.db"));
        store = reopen();
        List<Block> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(ingest(store, random, 100));
        }
        List<Block> deleted = deleteShare(store, random, all, 0.75);
        live = all.stream().filter(b -> !deleted.contains(b)).toList();
        stats = store.stats();
        packsBefore = packFiles(home);
    }

    private PackBlockStore reopen() {
        return PackBlockStore.open(home, db,
                PackOptions.defaults().withPackSize(PackCompactionTest.PACK_SIZE).withFiles(files));
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    /** Nothing changed: the same packs on disk and in the index, every live block readable. */
    private void assertUntouched(String why) throws IOException {
        assertThat(packFiles(home)).as(why + ": new packs were deleted").isEqualTo(packsBefore);
        assertThat(packRows(db)).as(why).isEqualTo(packsBefore);
        assertConsistent(why);
    }

    private void assertConsistent(String why) throws IOException {
        assertThat(packFiles(home)).as(why + ": files = rows").isEqualTo(packRows(db));
        assertThat(store.stats()).as(why).isEqualTo(stats);
        assertAllReadAndVerify(store, live);
    }

    private void assertCompactsOnceHealed() throws IOException {
        files.heal();
        assertThat(store.compact(0.5).packsCompacted()).isPositive();
        assertConsistent("after healing");
    }

    @Test
    void aDiskFillingUpWhileCopyingFailsTheCompactionAndLeavesTheStoreAsItWas() throws IOException {
        files.diskFullAfter(20_000);

        assertThatThrownBy(() -> store.compact(0.5)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(FaultyPackFiles.DISK_FULL);

        assertUntouched("disk full");
        assertCompactsOnceHealed();
    }

    @Test
    void aFailingFileFsyncFailsTheCompactionBeforeAnyRowMoves() throws IOException {
        files.failFileSync();

        assertThatThrownBy(() -> store.compact(0.5)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("fsync file");

        assertUntouched("file fsync");
        assertCompactsOnceHealed();
    }

    @Test
    void aFailingDirectoryFsyncFailsTheCompactionBeforeAnyRowMoves() throws IOException {
        files.failDirectorySync();

        assertThatThrownBy(() -> store.compact(0.5)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("fsync directory");

        assertUntouched("directory fsync");
        assertCompactsOnceHealed();
    }

    @Test
    void failingReadsOfTheOldPacksFailTheCompactionWithoutCallingBlocksCorrupt() throws IOException {
        files.failReads();

        assertThatThrownBy(() -> store.compact(0.5)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Input/output error");

        files.heal();
        assertUntouched("failing reads");
        assertCompactsOnceHealed();
    }

    /**
     * Seeded: whatever byte the disk fills at, each batch of a compaction is all or nothing (batches
     * committed before the failure stay), no block is lost and no uncommitted pack stays behind.
     */
    @Test
    void randomDiskFullPointsNeverLoseABlockNorLeaveAnUncommittedPack() throws IOException {
        int failures = 0;
        int successes = 0;
        for (int round = 0; round < 25; round++) {
            List<Block> more = ingest(store, random, 30 + random.nextInt(80));
            List<Block> gone = deleteShare(store, random, more, 0.7);
            List<Block> nowLive = new ArrayList<>(live);
            more.stream().filter(b -> !gone.contains(b)).forEach(nowLive::add);
            live = nowLive;
            stats = store.stats();
            files.diskFullAfter(random.nextInt(400_000));
            String why = "seed " + SEED + " round " + round;
            try {
                Compaction c = store.compact(0.5);
                successes += c.packsCompacted() > 0 ? 1 : 0;
            } catch (UncheckedIOException e) {
                assertThat(e).as(why).hasMessageContaining(FaultyPackFiles.DISK_FULL);
                failures++;
            }
            files.heal();
            assertConsistent(why);
        }
        assertThat(failures).as("seed %d: some compactions must fail", SEED).isPositive();
        assertThat(successes).as("seed %d: some compactions must succeed", SEED).isPositive();
    }

    @Test
    void aFailureWhileCopyingDeletesTheNewPacks() throws IOException {
        AtomicInteger appended = new AtomicInteger();
        assertThatThrownBy(() -> store.compact(0.5, step -> {
            if (step == PackCompactor.Step.APPENDED && appended.incrementAndGet() == 7) {
                throw new IllegalStateException("injected");
            }
        })).hasMessage("injected");

        assertUntouched("failure after 7 appended blocks");
    }

    @Test
    void aFailureOnceTheNewPacksAreDurableButNotCommittedDeletesThem() throws IOException {
        assertThatThrownBy(() -> store.compact(0.5, step -> {
            if (step == PackCompactor.Step.SEALED) {
                throw new IllegalStateException("injected");
            }
        })).hasMessage("injected");

        assertUntouched("failure before the commit");
    }

    @Test
    void aFailureAfterTheCommitLeavesOldFilesThatRecoveryDeletesAtTheNextOpen() throws IOException {
        assertThatThrownBy(() -> store.compact(0.5, step -> {
            if (step == PackCompactor.Step.COMMITTED) {
                throw new IllegalStateException("injected");
            }
        })).hasMessage("injected");
        assertAllReadAndVerify(store, live);
        Set<Long> rows = packRows(db);
        assertThat(packFiles(home)).as("old files are still there, their rows are not").containsAll(rows)
                .hasSizeGreaterThan(rows.size());

        store.close();
        store = reopen();

        assertThat(store.orphansDeletedAtOpen()).isPositive();
        assertConsistent("reopened after a failure past the commit");
        store.compact(0.5); // the batches after the failed one
        assertThat(store.compact(0.5)).isEqualTo(Compaction.NONE);
        assertConsistent("compacted after reopening");
    }
}
