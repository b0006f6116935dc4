package dev.cairn.pin.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.PinningConfig;
import dev.cairn.db.Database;
import dev.cairn.fetch.FetchException;
import dev.cairn.gc.GcBarrier;
import dev.cairn.store.BlockStore;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.store.pack.PackBlockStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinWorkersTest {
    static final Duration LEASE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final MemoryBlockStore remote = new MemoryBlockStore();
    private final CopyingDagFetcher fetcher = new CopyingDagFetcher(remote);
    private final GcBarrier barrier = new GcBarrier();
    private final List<PinWorkers> started = new ArrayList<>();
    private Database db;
    private PackBlockStore local;
    private JdbcJobQueue queue;
    private TablePins pins;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        local = PackBlockStore.open(dir, db);
        queue = new JdbcJobQueue(db, clock);
        pins = new TablePins(db, queue);
    }

    @AfterEach
    void close() {
        started.forEach(PinWorkers::close);
        local.close();
        db.close();
    }

    static PinWorkers.Options options() {
        return PinWorkers.Options.from(PinningConfig.defaults())
                .withHeartbeat(Duration.ofMillis(20), Duration.ofMillis(50));
    }

    private PinWorkers start(String node) {
        PinWorkers w = new PinWorkers(queue, local, barrier, fetcher, pins, node, options());
        started.add(w);
        w.start();
        return w;
    }

    static Cid file(BlockStore store, long seed, int size) throws Exception {
        return TestDags.file(store, seed, size);
    }

    static List<Cid> dag(BlockStore store, Cid root) throws Exception {
        return TestDags.dag(store, root);
    }

    @Test
    void aQueuedPinIsFetchedVerifiedAndPinnedWithItsCountsInInfo() throws Exception {
        Cid root = file(remote, 1, 20_000);
        UUID id = pins.add(1, root);

        start("node-a");
        pins.await(id, "pinned");

        List<Cid> blocks = dag(remote, root);
        assertThat(blocks).allMatch(local::has);
        Map<String, String> info = pins.info(id);
        assertThat(info).containsEntry("blocks_fetched", Integer.toString(blocks.size()))
                .containsEntry("blocks_present", "0").containsKey("bytes_fetched").containsEntry("attempt", "1 of 3");
        assertThat(info.get("status_details")).startsWith("pinned: " + blocks.size() + " blocks");
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
    }

    @Test
    void aPinOfContentAlreadyStoredCompletesWithoutFetching() throws Exception {
        Cid root = file(remote, 2, 5_000);
        UUID first = pins.add(1, root);
        start("node-a");
        pins.await(first, "pinned");

        UUID second = pins.add(2, root);
        pins.await(second, "pinned");

        assertThat(pins.info(second)).containsEntry("blocks_fetched", "0");
        assertThat(pins.info(second).get("status_details")).contains("already stored");
    }

    @Test
    void progressOfARunningJobShowsInThePinInfoAsStrings() throws Exception {
        Cid root = file(remote, 3, 20_000);
        fetcher.stallAfter(4);
        UUID id = pins.add(1, root);

        start("node-a");
        fetcher.stalled.await();
        awaitInfo(id, "blocks_fetched", "4");

        assertThat(pins.status(id)).isEqualTo("pinning");
        assertThat(pins.info(id)).containsEntry("blocks_present", "0")
                .containsEntry("status_details", "copying from the test source");
        assertThat(queue.find(id).orElseThrow().blocksFetched()).isEqualTo(4);
    }

    @Test
    void deletingARequestStopsItsRunningJobAndNothingItFetchedIsKept() throws Exception {
        Cid root = file(remote, 4, 20_000);
        fetcher.stallAfter(5);
        UUID id = pins.add(1, root);
        PinWorkers workers = start("node-a");
        fetcher.stalled.await();

        pins.delete(id);

        awaitIdle(workers);
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(dag(remote, root)).noneMatch(local::has);
        assertThat(barrier.openIngests()).isZero();
    }

    @Test
    void aRetryableFailureIsRetriedAfterTheBackoffOnTheClock() throws Exception {
        Cid root = file(remote, 5, 3_000);
        fetcher.failNext(new FetchException("https://origin.example answered 503", true));
        UUID id = pins.add(1, root);
        PinWorkers workers = start("node-a");

        awaitJob(id, JobState.QUEUED, 1);
        JobRecord waiting = queue.find(id).orElseThrow();
        assertThat(waiting.runAt()).isEqualTo(clock.millis() + 5_000);
        assertThat(waiting.lastError()).isEqualTo("https://origin.example answered 503");
        assertThat(pins.status(id)).isEqualTo("pinning");
        assertThat(pins.info(id).get("status_details"))
                .isEqualTo("attempt 1 of 3 failed: https://origin.example answered 503; next attempt in 5 s");

        clock.advance(Duration.ofSeconds(5));
        workers.wake();

        pins.await(id, "pinned");
        assertThat(queue.find(id).orElseThrow().attempts()).isEqualTo(2);
        assertThat(pins.info(id)).containsEntry("attempt", "2 of 3");
    }

    @Test
    void afterTheLastAttemptThePinFailsWithTheReason() throws Exception {
        Cid root = file(remote, 6, 3_000);
        for (int i = 1; i <= 3; i++) {
            fetcher.failNext(new FetchException("no source had block " + root + " (try " + i + ")", true));
        }
        UUID id = pins.add(1, root);
        PinWorkers workers = start("node-a");

        for (int attempt = 1; attempt < 3; attempt++) {
            awaitJob(id, JobState.QUEUED, attempt);
            clock.advance(Duration.ofSeconds(5L << (attempt - 1)));
            workers.wake();
        }

        pins.await(id, "failed");
        assertThat(pins.info(id)).containsEntry("status_details", "no source had block " + root + " (try 3)");
        awaitJob(id, JobState.FAILED, 3); // the pin is marked failed first, then the job
        assertThat(fetcher.calls()).isEqualTo(3);
    }

    @Test
    void aFailureRetryingCannotFixFailsAtOnce() throws Exception {
        Cid root = file(remote, 7, 3_000);
        fetcher.failNext(new FetchException("unsupported hash function 0x1e", false));
        UUID id = pins.add(1, root);

        start("node-a");

        pins.await(id, "failed");
        assertThat(pins.info(id)).containsEntry("status_details", "unsupported hash function 0x1e");
        assertThat(queue.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aJobOfANodeThatDiedIsFinishedByAnotherNodeOnceItsLeaseExpires() throws Exception {
        Cid root = file(remote, 8, 10_000);
        UUID id = pins.add(1, root);
        Job dead = queue.claim("node-dead", LEASE).orElseThrow(); // claimed, then never renewed
        assertThat(dead.requestId()).isEqualTo(id);
        PinWorkers b = start("node-b");

        clock.advance(LEASE);
        b.wake();

        pins.await(id, "pinned");
        assertThat(queue.find(id).orElseThrow().attempts()).isEqualTo(2);
        assertThat(dag(remote, root)).allMatch(local::has);
    }

    @Test
    void twoWorkerSetsOnOneDatabaseHandOverAJobWhenTheFirstStopsRenewingItsLease() throws Exception {
        Cid root = file(remote, 10, 20_000);
        UUID id = pins.add(1, root);
        // Node A's clock stands still, so A never renews; it stalls mid-fetch, as a hung node would.
        FakeClock clockA = new FakeClock();
        CopyingDagFetcher stalling = new CopyingDagFetcher(remote).stallAfter(3);
        PinWorkers a = new PinWorkers(new JdbcJobQueue(db, clockA), local, barrier, stalling, pins, "node-a", options());
        started.add(a);
        a.start();
        stalling.stalled.await();
        assertThat(queue.find(id).orElseThrow().leaseOwner()).isEqualTo("node-a");

        clock.advance(LEASE); // node B's clock: A's lease has expired
        PinWorkers b = start("node-b");

        pins.await(id, "pinned");
        awaitIdle(a);
        awaitIdle(b);
        JobRecord row = queue.find(id).orElseThrow();
        assertThat(row.state()).isEqualTo(JobState.DONE);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(dag(remote, root)).allMatch(local::has);
        assertThat(barrier.openIngests()).as("A noticed and aborted its writer").isZero();
    }

    @Test
    void stoppingTheWorkersPutsARunningJobBackUncountedAndTheNextStartFinishesIt() throws Exception {
        Cid root = file(remote, 9, 20_000);
        fetcher.stallAfter(3);
        UUID id = pins.add(1, root);
        PinWorkers first = start("node-a");
        fetcher.stalled.await();

        first.close();

        JobRecord back = queue.find(id).orElseThrow();
        assertThat(back.state()).isEqualTo(JobState.QUEUED);
        assertThat(back.attempts()).isZero();
        fetcher.stallNever();
        start("node-a");
        pins.await(id, "pinned");
    }

    @Test
    void manyPinsOfSeveralAccountsAllEndPinned() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(pins.add(i % 3, file(remote, 100 + i, 2_000 + i * 100)));
        }
        start("node-a");
        for (UUID id : ids) {
            pins.await(id, "pinned");
        }
        assertThat(queue.count(JobState.DONE)).isEqualTo(30);
    }

    @Test
    void withOneWorkerALateAccountsSinglePinRunsBeforeAnEarlyAccountsBacklog() throws Exception {
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            backlog.add(pins.add(1, file(remote, 200 + i, 1_500)));
        }
        clock.advance(Duration.ofSeconds(1));
        Cid lonely = file(remote, 300, 1_500);
        UUID late = pins.add(2, lonely);
        PinWorkers w = new PinWorkers(queue, local, barrier, fetcher, pins, "node-a", options().withWorkers(1));
        started.add(w);

        w.start();
        pins.await(late, "pinned");
        for (UUID id : backlog) {
            pins.await(id, "pinned");
        }

        assertThat(fetcher.roots().indexOf(lonely)).as("claims alternate between accounts").isLessThanOrEqualTo(1);
    }

    @Test
    void infoIsStringsAndNamesTheDagSizeWhenTheFetcherKnowsIt() {
        Job job = new Job(UUID.randomUUID(), 1, file0(), List.of(), 2, "n");
        var info = JobInfo.of(job, 3, new dev.cairn.fetch.FetchProgress(5, 5_000, 2, 1_000_000, "x"), "fetching");

        assertThat(info).containsExactly(Map.entry("status_details", "fetching"), Map.entry("attempt", "2 of 3"),
                Map.entry("blocks_fetched", "5"), Map.entry("bytes_fetched", "5000"), Map.entry("blocks_present", "2"),
                Map.entry("dag_size", "1000000"));
        assertThat(JobInfo.of(job, 3, new dev.cairn.fetch.FetchProgress(0, 0, 0, -1, null), "queued"))
                .doesNotContainKey("dag_size");
    }

    private static Cid file0() {
        return dev.cairn.block.Block.of(dev.cairn.multiformats.Multicodec.RAW, new byte[] {1}).cid();
    }

    private void awaitInfo(UUID id, String key, String value) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!value.equals(pins.info(id).get(key))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("info of " + id + " is " + pins.info(id));
            }
            Thread.sleep(10);
        }
    }

    private void awaitJob(UUID id, JobState state, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JobRecord r = queue.find(id).orElseThrow();
            if (r.state() == state && r.attempts() == attempts) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job is " + r);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitIdle(PinWorkers w) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (w.running() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a job is still running");
            }
            Thread.sleep(10);
        }
    }
}
