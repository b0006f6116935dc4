package dev.cairn.pin.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.fetch.FetchProgress;
import dev.cairn.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcJobQueueTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Cid CID = Block.of(Multicodec.RAW, "x".getBytes(StandardCharsets.UTF_8)).cid();

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private Database db;
    private JdbcJobQueue queue;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        queue = new JdbcJobQueue(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private UUID enqueue(long account) {
        UUID id = UUID.randomUUID();
        db.transaction(c -> {
            queue.enqueue(c, id, account, CID, List.of("/dns4/example.com/tcp/443/https"));
            return null;
        });
        return id;
    }

    @Test
    void aQueuedJobIsClaimedWithALeaseAndItsOriginsAndTheAttemptIsCounted() {
        UUID id = enqueue(1);

        Job job = queue.claim("node-a", LEASE).orElseThrow();

        assertThat(job.requestId()).isEqualTo(id);
        assertThat(job.cid()).isEqualTo(CID);
        assertThat(job.origins()).containsExactly("/dns4/example.com/tcp/443/https");
        assertThat(job.attempt()).isEqualTo(1);
        JobRecord row = queue.find(id).orElseThrow();
        assertThat(row.state()).isEqualTo(JobState.RUNNING);
        assertThat(row.leaseOwner()).isEqualTo("node-a");
        assertThat(row.runAt()).isEqualTo(clock.millis() + LEASE.toMillis());
        assertThat(queue.claim("node-b", LEASE)).as("one job, one lease").isEmpty();
    }

    @Test
    void aJobLeasedToANodeThatStoppedRenewingGoesToAnotherNodeOnceTheLeaseExpires() {
        UUID id = enqueue(1);
        Job onA = queue.claim("node-a", LEASE).orElseThrow();

        clock.advance(LEASE.minusSeconds(1));
        assertThat(queue.claim("node-b", LEASE)).as("lease still valid").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job onB = queue.claim("node-b", LEASE).orElseThrow();

        assertThat(onB.requestId()).isEqualTo(id);
        assertThat(onB.attempt()).isEqualTo(2);
        assertThat(queue.heartbeat(onA, LEASE, null)).as("A learns it lost the job").isFalse();
        assertThat(queue.isLeased(onA)).isFalse();
        FetchProgress p = new FetchProgress(1, 1, 0, -1, "done");
        assertThatThrownBy(() -> db.transaction(c -> {
            queue.done(onA, p).run(c);
            return null;
        })).isInstanceOf(JobLostException.class);
        db.transaction(c -> {
            queue.done(onB, p).run(c);
            return null;
        });
        assertThat(queue.find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
    }

    @Test
    void aRenewedLeaseDoesNotExpire() {
        enqueue(1);
        Job job = queue.claim("node-a", LEASE).orElseThrow();
        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.dividedBy(2));
            assertThat(queue.heartbeat(job, LEASE, null)).isTrue();
        }
        clock.advance(LEASE.minusSeconds(1));
        assertThat(queue.claim("node-b", LEASE)).isEmpty();
    }

    @Test
    void progressIsRecordedInTheJobRow() {
        UUID id = enqueue(1);
        Job job = queue.claim("node-a", LEASE).orElseThrow();

        queue.heartbeat(job, LEASE, new FetchProgress(3, 300, 2, 1000, "fetching from https://a"));

        JobRecord row = queue.find(id).orElseThrow();
        assertThat(row.blocksFetched()).isEqualTo(3);
        assertThat(row.bytesFetched()).isEqualTo(300);
        assertThat(row.blocksPresent()).isEqualTo(2);
        assertThat(row.dagSize()).isEqualTo(1000);
        assertThat(row.details()).isEqualTo("fetching from https://a");
    }

    @Test
    void oneAccountsThousandsOfQueuedJobsDoNotStarveAnotherAccountsOneJob() {
        db.transaction(c -> {
            for (int i = 0; i < 20_000; i++) {
                queue.enqueue(c, UUID.randomUUID(), 1, CID, List.of());
            }
            return null;
        });
        clock.advance(Duration.ofSeconds(1));
        UUID lonely = enqueue(2);

        List<UUID> firstTwo = List.of(queue.claim("n", LEASE).orElseThrow().requestId(),
                queue.claim("n", LEASE).orElseThrow().requestId());

        assertThat(firstTwo).contains(lonely);
    }

    @Test
    void claimsGoRoundRobinOverAccountsWithRunnableJobs() {
        for (int i = 0; i < 4; i++) {
            enqueue(10);
        }
        enqueue(20);
        enqueue(20);
        enqueue(30);

        List<Long> accounts = new ArrayList<>();
        for (Optional<Job> j; (j = queue.claim("n", LEASE)).isPresent(); ) {
            accounts.add(j.get().accountId());
        }

        assertThat(accounts).containsExactly(10L, 20L, 30L, 10L, 20L, 10L, 10L);
    }

    @Test
    void withinOneAccountJobsRunOldestFirst() {
        UUID first = enqueue(1);
        clock.advance(Duration.ofMillis(1));
        UUID second = enqueue(1);

        assertThat(queue.claim("n", LEASE).orElseThrow().requestId()).isEqualTo(first);
        assertThat(queue.claim("n", LEASE).orElseThrow().requestId()).isEqualTo(second);
    }

    @Test
    void aRetriedJobWaitsForItsBackoffAndKeepsTheReason() {
        UUID id = enqueue(1);
        Job job = queue.claim("n", LEASE).orElseThrow();

        assertThat(queue.retry(job, clock.millis() + 10_000, "origin answered 503")).isTrue();

        assertThat(queue.find(id).orElseThrow().lastError()).isEqualTo("origin answered 503");
        clock.advance(Duration.ofMillis(9_999));
        assertThat(queue.claim("n", LEASE)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.claim("n", LEASE).orElseThrow().attempt()).isEqualTo(2);
    }

    @Test
    void aCancelledJobIsNeverClaimedAndItsRunningOwnerLosesIt() {
        UUID queued = enqueue(1);
        UUID running = enqueue(2);
        Job job = queue.claim("n", LEASE).orElseThrow();
        UUID other = job.requestId().equals(queued) ? running : queued;

        db.transaction(c -> {
            queue.cancel(c, job.requestId());
            queue.cancel(c, other);
            return null;
        });

        assertThat(queue.claim("n", LEASE)).isEmpty();
        assertThat(queue.heartbeat(job, LEASE, null)).isFalse();
        assertThat(queue.find(queued).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(queue.find(running).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aFailedJobIsNotClaimedAgain() {
        UUID id = enqueue(1);
        Job job = queue.claim("n", LEASE).orElseThrow();

        assertThat(queue.fail(job, "no source had the root")).isTrue();

        clock.advance(Duration.ofDays(1));
        assertThat(queue.claim("n", LEASE)).isEmpty();
        assertThat(queue.find(id).orElseThrow()).satisfies(r -> {
            assertThat(r.state()).isEqualTo(JobState.FAILED);
            assertThat(r.lastError()).isEqualTo("no source had the root");
        });
    }

    @Test
    void aRestartedNodeTakesBackItsOwnLeasesAtOnceButNotOtherNodes() {
        UUID mine = enqueue(1);
        UUID theirs = enqueue(2);
        Job a = queue.claim("me", LEASE).orElseThrow();
        Job b = queue.claim("them", LEASE).orElseThrow();
        assertThat(a.requestId()).isEqualTo(mine);
        assertThat(b.requestId()).isEqualTo(theirs);

        assertThat(queue.releaseAll("me")).isEqualTo(1);

        assertThat(queue.claim("me", LEASE).orElseThrow().requestId()).isEqualTo(mine);
        assertThat(queue.claim("me", LEASE)).isEmpty();
    }

    @Test
    void aReleasedJobIsRunnableAtOnceWithoutCountingTheAttempt() {
        UUID id = enqueue(1);
        Job job = queue.claim("n", LEASE).orElseThrow();

        assertThat(queue.release(job)).isTrue();

        assertThat(queue.find(id).orElseThrow().attempts()).isZero();
        assertThat(queue.claim("n", LEASE).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(List.of(b.after(1), b.after(2), b.after(3), b.after(4), b.after(50))).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }
}
