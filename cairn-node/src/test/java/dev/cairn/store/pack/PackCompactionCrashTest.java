package dev.cairn.store.pack;

import static dev.cairn.store.pack.PackCompactionTest.assertAllReadAndVerify;
import static dev.cairn.store.pack.PackCompactionTest.packFiles;
import static dev.cairn.store.pack.PackCompactionTest.packRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.Compaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crash safety of compaction for real: a child JVM ({@link CrashingCompaction}) halts at a chosen
 * point of a compaction, with no cleanup code running. Reopening the store must then find every
 * live block, no deleted one, and exactly the packs the index names; compacting again finishes the
 * job.
 */
class PackCompactionCrashTest {
    private static final long SEED = 0xDEADC0L;

    @TempDir
    Path home;

    @ParameterizedTest(name = "halted at {0} #{1}")
    @CsvSource({"APPENDED, 25", "SEALED, 1", "COMMITTED, 1", "DELETED, 1", "COMMITTED, 2"})
    void aProcessHaltedMidCompactionLeavesAStoreThatOpensConsistent(String step, int n) throws Exception {
        String out = runChild(step, n);
        assertThat(out).as("the child must halt where told, not finish").startsWith("HALT " + step);

        List<Block> live = new ArrayList<>();
        List<Block> deleted = new ArrayList<>();
        for (int k = 0; k < CrashingCompaction.INGESTS; k++) {
            for (Block b : CrashingCompaction.blocks(SEED, k)) {
                (CrashingCompaction.deleted(SEED, b) ? deleted : live).add(b);
            }
        }
        try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                PackBlockStore store = PackBlockStore.open(home, db,
                        PackOptions.defaults().withPackSize(CrashingCompaction.PACK_SIZE))) {
            String why = "halted at " + step + " #" + n;
            assertThat(store.orphansDeletedAtOpen()).as(why + ": the crash left garbage for recovery").isPositive();
            assertThat(packFiles(home)).as(why).isEqualTo(packRows(db));
            assertAllReadAndVerify(store, live);
            assertThat(deleted).as(why).noneMatch(b -> store.has(b.cid()));
            long liveBytes = live.stream().mapToLong(Block::size).sum();
            assertThat(store.stats().blocks()).as(why).isEqualTo(live.size());
            assertThat(store.stats().bytes()).as(why).isEqualTo(liveBytes);

            store.compact(0.5);
            assertThat(store.compact(0.5)).as(why + ": the second run found the job done").isEqualTo(Compaction.NONE);
            assertAllReadAndVerify(store, live);
            assertThat(packFiles(home)).as(why).isEqualTo(packRows(db));
        }
    }

    private String runChild(String step, int n) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = home.resolve("child.err");
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashingCompaction.class.getName(), home.toString(), Long.toString(SEED), step, Integer.toString(n))
                .redirectError(err.toFile())
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("child JVM did not end");
        }
        return out + Files.readString(err);
    }
}
