package dev.cairn.pin.jdbc;

import static dev.cairn.pin.jdbc.PinFixtures.cid;
import static dev.cairn.pin.jdbc.PinFixtures.pin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinNotFoundException;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcPinServiceTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;

    @TempDir
    Path dir;

    private Database db;
    private final RecordingJobQueue jobs = new RecordingJobQueue();
    private final FakeClock clock = new FakeClock(1_764_000_000_000L);
    private JdbcPinService pins;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        PinFixtures.accounts(db, ALICE, BOB);
        pins = new JdbcPinService(db, jobs, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Set<Cid> liveRoots() {
        Set<Cid> roots = new HashSet<>();
        pins.forEachLiveRoot(roots::add);
        return roots;
    }

    @Test
    void addRecordsAQueuedRequestAndQueuesItsJobInTheSameTransaction() {
        Pin p = new Pin("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", Cid.parse(
                "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"), "hello",
                List.of("/dns4/origin.example/tcp/443/https", "not a multiaddr"), Map.of("app_id", "x"));
        PinRecord r = pins.add(ALICE, p);

        assertThat(r.status()).isEqualTo(PinStatus.QUEUED);
        assertThat(r.created()).isEqualTo(clock.instant());
        assertThat(pins.get(ALICE, r.requestId())).contains(r);
        assertThat(jobs.enqueued).containsExactly(new RecordingJobQueue.Enqueued(
                r.requestId(), ALICE, p.cid(), p.origins()));
    }

    @Test
    void theCidIsEchoedExactlyAsSentEvenInAnotherBase() {
        Cid v1 = cid("echo");
        String base36 = v1.toString(dev.cairn.multiformats.Multibase.BASE36);
        PinRecord r = pins.add(ALICE, new Pin(base36, v1, null, List.of(), Map.of()));
        assertThat(pins.get(ALICE, r.requestId()).orElseThrow().pin().cidText()).isEqualTo(base36);
    }

    @Test
    void pinningTheSameCidTwiceGivesTwoRequests() {
        PinRecord a = pins.add(ALICE, pin("same"));
        PinRecord b = pins.add(ALICE, pin("same"));
        assertThat(a.requestId()).isNotEqualTo(b.requestId());
        assertThat(pins.list(ALICE, PinQuery.all(10)).count()).isEqualTo(2);
    }

    @Test
    void createdIsUniqueAndIncreasingWhenABurstArrivesInOneMillisecond() {
        List<Instant> created = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            created.add(pins.add(ALICE, pin("burst" + i)).created());
        }
        assertThat(created).doesNotHaveDuplicates().isSorted();
        assertThat(created.get(299)).isEqualTo(clock.instant().plusMillis(299));
    }

    @Test
    void createdNeverGoesBackWhenTheClockStepsBack() {
        Instant first = pins.add(ALICE, pin("a")).created();
        clock.advance(-60_000);
        assertThat(pins.add(ALICE, pin("b")).created()).isAfter(first);
    }

    @Test
    void createdOfADeletedRequestIsNotReused() {
        PinRecord a = pins.add(ALICE, pin("a"));
        pins.delete(ALICE, a.requestId());
        assertThat(pins.add(ALICE, pin("b")).created()).isAfter(a.created());
    }

    @Test
    void createdIsUniquePerAccountSoAccountsDoNotBumpEachOther() {
        Instant a = pins.add(ALICE, pin("a")).created();
        Instant b = pins.add(BOB, pin("b")).created();
        assertThat(a).isEqualTo(b).isEqualTo(clock.instant());
    }

    @Test
    void anotherAccountsRequestBehavesAsIfItDidNotExist() {
        PinRecord r = pins.add(ALICE, pin("private"));
        assertThat(pins.get(BOB, r.requestId())).isEmpty();
        assertThat(pins.list(BOB, PinQuery.all(10)).count()).isZero();
        assertThatThrownBy(() -> pins.delete(BOB, r.requestId())).isInstanceOf(PinNotFoundException.class);
        assertThatThrownBy(() -> pins.replace(BOB, r.requestId(), pin("x"))).isInstanceOf(PinNotFoundException.class);
        assertThat(pins.get(ALICE, r.requestId())).isPresent();
        assertThat(jobs.cancelled).isEmpty();
    }

    @Test
    void anUnknownRequestIdIsNotFound() {
        UUID unknown = UUID.randomUUID();
        assertThat(pins.get(ALICE, unknown)).isEmpty();
        assertThatThrownBy(() -> pins.delete(ALICE, unknown)).isInstanceOf(PinNotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void aDeletedRequestDisappearsAtOnceAndItsJobIsCancelled() {
        PinRecord keep = pins.add(ALICE, pin("keep"));
        PinRecord gone = pins.add(ALICE, pin("gone"));
        pins.delete(ALICE, gone.requestId());

        assertThat(pins.get(ALICE, gone.requestId())).isEmpty();
        assertThat(pins.list(ALICE, PinQuery.all(10)).results()).extracting(PinRecord::requestId)
                .containsExactly(keep.requestId());
        assertThat(pins.list(ALICE, PinQuery.all(10)).count()).isEqualTo(1);
        assertThat(jobs.cancelled).containsExactly(gone.requestId());
        assertThatThrownBy(() -> pins.delete(ALICE, gone.requestId())).isInstanceOf(PinNotFoundException.class);
    }

    @Test
    void aRequestCanBeDeletedInEveryStatus() {
        for (PinStatus status : PinStatus.values()) {
            PinRecord r = pins.add(ALICE, pin("status " + status));
            switch (status) {
                case QUEUED -> { }
                case PINNING -> pins.pinning(r.requestId(), Map.of());
                case PINNED -> db.transaction(c -> {
                    pins.pinned(r.requestId(), Map.of()).run(c);
                    return null;
                });
                case FAILED -> pins.failed(r.requestId(), "no providers");
            }
            assertThat(pins.get(ALICE, r.requestId()).orElseThrow().status()).isEqualTo(status);
            pins.delete(ALICE, r.requestId());
            assertThat(pins.get(ALICE, r.requestId())).isEmpty();
        }
    }

    @Test
    void replaceCreatesANewRequestAndTheOldOneIsGoneAtOnce() {
        PinRecord old = pins.add(ALICE, PinFixtures.withMeta("v1", Map.of("app", "a")));
        clock.advance(5);
        PinRecord fresh = pins.replace(ALICE, old.requestId(), PinFixtures.named("v2", "site"));

        assertThat(fresh.requestId()).isNotEqualTo(old.requestId());
        assertThat(fresh.created()).isAfter(old.created());
        assertThat(fresh.pin().name()).isEqualTo("site");
        assertThat(pins.get(ALICE, old.requestId())).isEmpty();
        assertThat(pins.get(ALICE, fresh.requestId())).contains(fresh);
        assertThat(pins.list(ALICE, PinQuery.all(10)).results()).extracting(PinRecord::requestId)
                .containsExactly(fresh.requestId());
        assertThat(jobs.cancelled).containsExactly(old.requestId());
        assertThat(jobs.enqueuedIds()).containsExactly(old.requestId(), fresh.requestId());
        assertThatThrownBy(() -> pins.replace(ALICE, old.requestId(), pin("v3")))
                .isInstanceOf(PinNotFoundException.class);
    }

    @Test
    void lifecycleMovesARequestThroughPinningToPinnedWithStringInfo() {
        PinRecord r = pins.add(ALICE, pin("dag"));
        pins.pinning(r.requestId(), Map.of("status_details", "fetching", "blocks_fetched", "3"));
        PinRecord running = pins.get(ALICE, r.requestId()).orElseThrow();
        assertThat(running.status()).isEqualTo(PinStatus.PINNING);
        assertThat(running.info()).containsEntry("blocks_fetched", "3");

        db.transaction(c -> {
            pins.pinned(r.requestId(), Map.of("dag_size", "1234")).run(c);
            return null;
        });
        PinRecord done = pins.get(ALICE, r.requestId()).orElseThrow();
        assertThat(done.status()).isEqualTo(PinStatus.PINNED);
        assertThat(done.info()).isEqualTo(Map.of("dag_size", "1234"));
        assertThat(done.created()).isEqualTo(r.created());
    }

    @Test
    void pinnedDoesNotHappenWhenTheBlocksTransactionRollsBack() {
        PinRecord r = pins.add(ALICE, pin("dag"));
        assertThatThrownBy(() -> db.transaction(c -> {
            pins.pinned(r.requestId(), Map.of()).run(c);
            throw new IllegalStateException("pack fsync failed");
        })).hasMessage("pack fsync failed");
        assertThat(pins.get(ALICE, r.requestId()).orElseThrow().status()).isEqualTo(PinStatus.QUEUED);
    }

    @Test
    void failedKeepsProgressInfoAndAddsTheReason() {
        PinRecord r = pins.add(ALICE, pin("lies"));
        pins.pinning(r.requestId(), Map.of("blocks_fetched", "7"));
        pins.failed(r.requestId(), "origin sent a block that does not match its CID");
        PinRecord failed = pins.get(ALICE, r.requestId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(PinStatus.FAILED);
        assertThat(failed.info()).containsEntry("status_details", "origin sent a block that does not match its CID")
                .containsEntry("blocks_fetched", "7");
    }

    @Test
    void pinningDoesNotTurnASettledRequestBack() {
        PinRecord r = pins.add(ALICE, pin("x"));
        pins.failed(r.requestId(), "gave up");
        pins.pinning(r.requestId(), Map.of("late", "report"));
        assertThat(pins.get(ALICE, r.requestId()).orElseThrow().status()).isEqualTo(PinStatus.FAILED);
    }

    @Test
    void lifecycleCallsForADeletedOrReplacedRequestAreNoOps() {
        PinRecord deleted = pins.add(ALICE, pin("deleted"));
        PinRecord replaced = pins.add(ALICE, pin("replaced"));
        pins.delete(ALICE, deleted.requestId());
        PinRecord fresh = pins.replace(ALICE, replaced.requestId(), pin("new"));

        for (UUID id : List.of(deleted.requestId(), replaced.requestId())) {
            pins.pinning(id, Map.of("x", "y"));
            db.transaction(c -> {
                pins.pinned(id, Map.of()).run(c);
                return null;
            });
            pins.failed(id, "late");
            assertThat(pins.get(ALICE, id)).isEmpty();
        }
        assertThat(pins.list(ALICE, PinQuery.all(10)).results()).extracting(PinRecord::requestId)
                .containsExactly(fresh.requestId());
        assertThat(pins.get(ALICE, fresh.requestId()).orElseThrow().status()).isEqualTo(PinStatus.QUEUED);
    }

    @Test
    void liveRootsAreTheVisibleRequestsThatHaveNotFailed() {
        PinRecord queued = pins.add(ALICE, pin("queued"));
        PinRecord pinning = pins.add(ALICE, pin("pinning"));
        PinRecord failed = pins.add(BOB, pin("failed"));
        PinRecord deleted = pins.add(BOB, pin("deleted"));
        pins.pinning(pinning.requestId(), Map.of());
        pins.failed(failed.requestId(), "no");
        pins.delete(BOB, deleted.requestId());

        assertThat(liveRoots()).containsExactlyInAnyOrder(cid("queued"), cid("pinning"));
        assertThat(queued.status()).isEqualTo(PinStatus.QUEUED);
    }

    @Test
    void aReplacedDagStaysLiveUntilItsSuccessorIsPinned() {
        PinRecord old = pins.add(ALICE, pin("v1"));
        db.transaction(c -> {
            pins.pinned(old.requestId(), Map.of()).run(c);
            return null;
        });
        PinRecord fresh = pins.replace(ALICE, old.requestId(), pin("v2"));
        assertThat(liveRoots()).containsExactlyInAnyOrder(cid("v1"), cid("v2"));

        db.transaction(c -> {
            pins.pinned(fresh.requestId(), Map.of()).run(c);
            return null;
        });
        assertThat(liveRoots()).containsExactly(cid("v2"));
    }

    @Test
    void aReplacedDagIsReleasedWhenItsSuccessorFailsOrIsDeleted() {
        PinRecord a = pins.add(ALICE, pin("a1"));
        PinRecord a2 = pins.replace(ALICE, a.requestId(), pin("a2"));
        PinRecord b = pins.add(ALICE, pin("b1"));
        PinRecord b2 = pins.replace(ALICE, b.requestId(), pin("b2"));
        assertThat(liveRoots()).containsExactlyInAnyOrder(cid("a1"), cid("a2"), cid("b1"), cid("b2"));

        pins.failed(a2.requestId(), "no providers");
        pins.delete(ALICE, b2.requestId());
        assertThat(liveRoots()).isEmpty();
    }

    @Test
    void aChainOfReplacesKeepsEveryOldDagLiveUntilTheLastOneSettles() {
        PinRecord v1 = pins.add(ALICE, pin("v1"));
        PinRecord v2 = pins.replace(ALICE, v1.requestId(), pin("v2"));
        PinRecord v3 = pins.replace(ALICE, v2.requestId(), pin("v3"));
        assertThat(liveRoots()).containsExactlyInAnyOrder(cid("v1"), cid("v2"), cid("v3"));

        // the job of v2 was cancelled; a late report from it must not release v1
        db.transaction(c -> {
            pins.pinned(v2.requestId(), Map.of()).run(c);
            return null;
        });
        assertThat(liveRoots()).containsExactlyInAnyOrder(cid("v1"), cid("v2"), cid("v3"));

        db.transaction(c -> {
            pins.pinned(v3.requestId(), Map.of()).run(c);
            return null;
        });
        assertThat(liveRoots()).containsExactly(cid("v3"));
    }

    @Test
    void replacingAFailedRequestProtectsNothing() {
        PinRecord old = pins.add(ALICE, pin("broken"));
        pins.failed(old.requestId(), "no providers");
        pins.replace(ALICE, old.requestId(), pin("fixed"));
        assertThat(liveRoots()).containsExactly(cid("fixed"));
    }

    @Test
    void createdStaysUniqueWhenManyThreadsAddAtOnce() throws Exception {
        List<java.util.concurrent.Future<PinRecord>> futures = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 160; i++) {
                String content = "concurrent" + i;
                long account = i % 2 == 0 ? ALICE : BOB;
                futures.add(pool.submit(() -> pins.add(account, pin(content))));
            }
        }
        Set<String> createdPerAccount = new HashSet<>();
        for (var f : futures) {
            PinRecord r = f.get();
            assertThat(createdPerAccount.add(r.accountId() + "@" + r.created())).as("created of %s", r).isTrue();
        }
        assertThat(pins.list(ALICE, PinQuery.all(1000)).count()).isEqualTo(80);
    }
}
