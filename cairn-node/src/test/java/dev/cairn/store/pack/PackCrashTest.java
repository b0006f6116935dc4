package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreInUseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: a child JVM ({@link CrashingIngest}) ingests on several threads and is
 * killed with SIGKILL after a seeded random number of reported steps, several rounds on one data
 * directory. After each kill the store must open cleanly and show exactly the committed ingests.
 */
class PackCrashTest {
    private static final long SEED = 0xC4A5L;
    private static final int ROUNDS = 6;

    @TempDir
    Path home;

    @Test
    void killingTheProcessAtRandomMomentsNeverLeavesAPartialIngestVisible() throws Exception {
        Random random = new Random(SEED);
        int killedMidIngest = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long seed = SEED * 31 + round;
            int killAfter = random.nextInt(850);
            Run run = runAndKill(seed, killAfter, round);
            String why = "seed " + SEED + " round " + round + " (child seed " + seed + ", killed after "
                    + killAfter + " steps)";
            assertThat(run.error).as(why).isNull();
            if (!run.done) {
                killedMidIngest++;
            }
            check(seed, run, why);
        }
        assertThat(killedMidIngest).as("seed %d: most rounds must be killed before finishing", SEED)
                .isGreaterThanOrEqualTo(ROUNDS / 2);
    }

    private record Run(Set<Integer> committed, Set<Integer> aborted, boolean done, String error) {}

    private Run runAndKill(long seed, int killAfter, int round) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashingIngest.class.getName(), home.toString(), Long.toString(seed))
                .redirectError(home.resolve("child-" + round + ".err").toFile())
                .start();
        Set<Integer> committed = new HashSet<>();
        Set<Integer> aborted = new HashSet<>();
        boolean done = false;
        String error = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int steps = 0;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("OPEN")) {
                    assertSecondProcessIsLockedOut();
                } else if (line.startsWith("C ")) {
                    committed.add(Integer.parseInt(line.substring(2)));
                } else if (line.startsWith("A ")) {
                    aborted.add(Integer.parseInt(line.substring(2)));
                } else if (line.equals("DONE")) {
                    done = true;
                } else if (line.startsWith("ERROR")) {
                    error = line + "\n" + Files.readString(home.resolve("child-" + round + ".err"));
                }
                if (steps++ >= killAfter) {
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no flush
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child JVM did not die");
            }
        }
        return new Run(committed, aborted, done, error);
    }

    /** While the child holds the store, this process (the parent) must not open it. */
    private void assertSecondProcessIsLockedOut() {
        try (Database db = Database.openSqlite(home.resolve("cairn.db"))) {
            assertThatThrownBy(() -> PackBlockStore.open(home, db)).isInstanceOf(StoreInUseException.class)
                    .hasMessageContaining("another Cairn process");
        }
    }

    private void check(long seed, Run run, String why) throws IOException {
        try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                PackBlockStore store = PackBlockStore.open(home, db)) {
            Block shared = CrashWorkload.shared(seed);
            List<Integer> toRepeat = new ArrayList<>();
            for (int k = 0; k < CrashWorkload.WRITERS; k++) {
                List<Block> own = CrashWorkload.blocks(seed, k).stream().filter(b -> !b.equals(shared)).toList();
                long visible = own.stream().filter(b -> store.has(b.cid())).count();
                if (run.committed.contains(k)) {
                    assertThat(visible).as(why + ": committed writer " + k).isEqualTo(own.size());
                } else if (run.aborted.contains(k) || !CrashWorkload.commits(k)) {
                    assertThat(visible).as(why + ": aborting writer " + k).isZero();
                } else {
                    assertThat(visible).as(why + ": writer " + k + " in flight is all or nothing")
                            .isIn(0L, (long) own.size());
                }
                if (visible == 0) {
                    toRepeat.add(k);
                }
            }
            if (!run.committed.isEmpty()) {
                assertThat(store.has(shared.cid())).as(why + ": the shared block").isTrue();
            }
            List<Multihash> indexed = new ArrayList<>();
            store.forEachMultihash(indexed::add);
            for (Multihash mh : indexed) {
                var stat = store.stat(dev.cairn.cid.Cid.v1(0x55, mh)).orElseThrow();
                byte[] data = store.get(dev.cairn.cid.Cid.v1(0x55, mh)).orElseThrow();
                assertThat(mh.matches(data)).as(why + ": block " + mh + " in pack " + stat.pack()).isTrue();
            }
            assertThat(packFiles()).as(why + ": orphan packs are gone").isEqualTo(packRows(db));

            for (int k : toRepeat) { // the ingest is retried, as a pin job would be after a restart
                try (BlockWriter w = store.writer()) {
                    CrashWorkload.blocks(seed, k).forEach(w::put);
                    w.commit();
                }
            }
            for (int k : toRepeat) {
                for (Block b : CrashWorkload.blocks(seed, k)) {
                    assertThat(store.get(b.cid()).orElseThrow()).as(why + ": repeated writer " + k).isEqualTo(b.data());
                }
            }
        }
    }

    private Set<Long> packFiles() throws IOException {
        Set<Long> ids = new HashSet<>();
        try (Stream<Path> s = Files.walk(home.resolve("packs"))) {
            s.filter(Files::isRegularFile).forEach(p -> PackFormat.id(p).ifPresent(ids::add));
        }
        return ids;
    }

    private static Set<Long> packRows(Database db) {
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
}
