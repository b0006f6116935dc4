package dev.cairn.pin.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.store.pack.PackBlockStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 for real: a child JVM ({@link PinWorkerProcess}) is pinning a DAG from a slow source
 * when it gets SIGKILL; a new process of the same node resumes the job and pins it.
 */
class PinWorkerKillTest {
    @TempDir
    Path dir;

    @Test
    void aNodeKilledMidJobResumesAndFinishesTheJobWhenItRestarts() throws Exception {
        Path home = dir.resolve("node");
        Path source = dir.resolve("source");
        Cid root;
        List<Cid> blocks;
        try (Database db = Database.openSqlite(source.resolve("cairn.db"));
                PackBlockStore remote = PackBlockStore.open(source, db)) {
            root = PinWorkersTest.file(remote, 42, 150_000);
            blocks = PinWorkersTest.dag(remote, root);
        }
        UUID id;
        try (Database db = Database.openSqlite(home.resolve("cairn.db"))) {
            JdbcJobQueue queue = new JdbcJobQueue(db, JobClock.SYSTEM);
            TablePins pins = new TablePins(db, queue);
            id = pins.add(7, root);

            Process first = start(home, source, 1);
            awaitFetched(queue, id, 10);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no release, no abort
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

            JobRecord orphaned = queue.find(id).orElseThrow();
            assertThat(orphaned.state()).isEqualTo(JobState.RUNNING);
            assertThat(orphaned.leaseOwner()).isEqualTo("node-1");
            assertThat(pins.status(id)).isEqualTo("pinning");

            Process second = start(home, source, 2);
            try {
                pins.await(id, "pinned");
            } finally {
                second.destroyForcibly();
                second.waitFor(60, TimeUnit.SECONDS);
            }
            assertThat(queue.find(id).orElseThrow().attempts()).isEqualTo(2);
            assertThat(pins.info(id)).containsEntry("blocks_fetched", Integer.toString(blocks.size()));
        }
        try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                PackBlockStore local = PackBlockStore.open(home, db)) {
            assertThat(blocks).allMatch(local::has);
            assertThat(local.stats().blocks()).as("the killed attempt left nothing behind").isEqualTo(blocks.size());
        }
    }

    private Process start(Path home, Path source, int run) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                PinWorkerProcess.class.getName(), home.toString(), source.toString(), "node-1")
                .redirectError(dir.resolve("child-" + run + ".err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child %d: %s", run, dir.resolve("child-" + run + ".err")).isEqualTo("STARTED");
        return p;
    }

    private static void awaitFetched(JdbcJobQueue queue, UUID id, long blocks) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (queue.find(id).orElseThrow().blocksFetched() < blocks) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child did not make progress: " + queue.find(id));
            }
            Thread.sleep(10);
        }
    }
}
