package dev.cairn.pin.jdbc;

import static dev.cairn.pin.jdbc.PinFixtures.pin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import dev.cairn.pin.job.JdbcJobQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GC's purge of pin tombstones ({@link JdbcPinService#purgeDeletedBefore}). */
class PinPurgeTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private Database db;
    private final FakeClock clock = new FakeClock(1_764_000_000_000L);
    private JdbcJobQueue jobs;
    private JdbcPinService pins;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        PinFixtures.accounts(db, ALICE, BOB);
        jobs = new JdbcJobQueue(db, clock::millis);
        pins = new JdbcPinService(db, jobs, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Set<String> rows(String table) {
        return db.read(c -> {
            Set<String> ids = new HashSet<>();
            try (var rs = c.createStatement().executeQuery("SELECT request_id FROM " + table)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private Map<String, Long> pinCounts() {
        return db.read(c -> {
            Map<String, Long> out = new HashMap<>();
            try (var rs = c.createStatement().executeQuery("SELECT account_id, status, n FROM pin_counts")) {
                while (rs.next()) {
                    out.put(rs.getLong(1) + "/" + rs.getString(2), rs.getLong(3));
                }
            }
            return out;
        });
    }

    private Set<Cid> liveRoots() {
        Set<Cid> roots = new HashSet<>();
        pins.forEachLiveRoot(roots::add);
        return roots;
    }

    private static Set<String> ids(PinRecord... records) {
        Set<String> out = new HashSet<>();
        for (PinRecord r : records) {
            out.add(r.requestId().toString());
        }
        return out;
    }

    @Test
    void oldTombstonesAreForgottenWithTheirJobsWhileVisiblePinsAndExactCountsStayAsTheyWere() {
        PinRecord a1 = pins.add(ALICE, pin("a1"));
        PinRecord a2 = pins.add(ALICE, PinFixtures.withMeta("a2", Map.of("k", "v")));
        clock.advance(1);
        PinRecord a3 = pins.add(ALICE, pin("a3"));
        PinRecord a4 = pins.add(ALICE, pin("a4"));
        pins.delete(ALICE, a1.requestId());
        pins.delete(ALICE, a2.requestId());
        pins.failed(a3.requestId(), "no providers");
        Map<String, Long> counts = pinCounts();
        long listed = pins.list(ALICE, PinQuery.all(10)).count();
        clock.advance(10 * DAY);

        long purged = pins.purgeDeletedBefore(clock.instant().minus(Duration.ofDays(7)));

        assertThat(purged).isEqualTo(2);
        assertThat(rows("pins")).isEqualTo(ids(a3, a4));
        assertThat(rows("pin_jobs")).as("job rows go with their requests").isEqualTo(ids(a3, a4));
        assertThat(rows("pin_meta")).isEmpty();
        assertThat(pinCounts()).isEqualTo(counts);
        assertThat(pins.list(ALICE, PinQuery.all(10)).count()).isEqualTo(listed).isEqualTo(2);
        assertThat(pins.get(ALICE, a4.requestId())).isPresent();
        assertThat(pins.purgeDeletedBefore(clock.instant())).as("nothing left to purge").isZero();
    }

    @Test
    void tombstonesYoungerThanTheCutoffAreKept() {
        PinRecord old = pins.add(ALICE, pin("old"));
        PinRecord young = pins.add(ALICE, pin("young"));
        pins.add(ALICE, pin("newest"));
        pins.delete(ALICE, old.requestId());
        clock.advance(8 * DAY);
        pins.delete(ALICE, young.requestId());

        assertThat(pins.purgeDeletedBefore(clock.instant().minus(Duration.ofDays(7)))).isEqualTo(1);

        assertThat(rows("pins")).contains(young.requestId().toString()).doesNotContain(old.requestId().toString());
    }

    @Test
    void aReplacedRequestStillProtectingItsDagIsKeptUntilItsSuccessorSettles() {
        PinRecord first = pins.add(ALICE, pin("v1"));
        PinRecord second = pins.replace(ALICE, first.requestId(), pin("v2"));
        pins.add(ALICE, pin("unrelated, newest"));
        clock.advance(30 * DAY);

        assertThat(pins.purgeDeletedBefore(clock.instant())).isZero();
        assertThat(liveRoots()).contains(first.pin().cid());

        db.transaction(c -> {
            pins.pinned(second.requestId(), Map.of()).run(c);
            return null;
        });
        assertThat(pins.purgeDeletedBefore(clock.instant())).isEqualTo(1);
        assertThat(rows("pins")).doesNotContain(first.requestId().toString());
        assertThat(pins.get(ALICE, second.requestId()).orElseThrow().status()).isEqualTo(PinStatus.PINNED);
    }

    @Test
    void theNewestRequestOfAnAccountIsKeptSoCreatedKeepsIncreasingWhenTheClockStepsBack() {
        PinRecord older = pins.add(BOB, pin("older"));
        PinRecord newest = pins.add(BOB, pin("newest"));
        pins.delete(BOB, older.requestId());
        pins.delete(BOB, newest.requestId());
        clock.advance(30 * DAY);

        assertThat(pins.purgeDeletedBefore(clock.instant())).isEqualTo(1);
        assertThat(rows("pins")).containsExactly(newest.requestId().toString());

        clock.set(newest.created().toEpochMilli() - DAY); // the clock steps back a day
        PinRecord next = pins.add(BOB, pin("after the step"));
        assertThat(next.created()).isAfter(newest.created());
    }

    @Test
    void purgingManyTombstonesWorksInBatches() {
        List<UUID> doomed = new java.util.ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            doomed.add(pins.add(ALICE, pin("p" + i)).requestId());
        }
        PinRecord kept = pins.add(ALICE, pin("kept"));
        doomed.forEach(id -> pins.delete(ALICE, id));
        clock.advance(DAY);

        assertThat(pins.purgeDeletedBefore(Instant.ofEpochMilli(clock.millis()))).isEqualTo(1_200);
        assertThat(rows("pins")).isEqualTo(ids(kept));
    }
}
