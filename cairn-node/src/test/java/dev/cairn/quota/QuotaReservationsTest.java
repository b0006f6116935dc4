package dev.cairn.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.account.AccountService;
import dev.cairn.db.Database;
import dev.cairn.quota.QuotaReservations.Reservation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reservations over a real metadata database: what writers of one account hold together never
 * passes what its quota leaves, a refused writer keeps what it had, closing gives bytes back, and
 * accounts without a quota are never limited.
 */
class QuotaReservationsTest {
    private static final long QUOTA = 10_000_000;

    @TempDir
    Path dir;
    private Database db;
    private QuotaReservations reservations;
    private long bob;
    private long carol;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        AccountService accounts = AccountService.over(db);
        bob = accounts.create("bob").id();
        carol = accounts.create("carol").id();
        StorageQuotas quotas = StorageQuotas.over(db, null);
        quotas.setQuota("bob", OptionalLong.of(QUOTA));
        reservations = new QuotaReservations(quotas);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aKnownTotalTakesExactlyItsSizeAndWhatIsLeftGoesToTheNextWriterOnly() {
        try (Reservation first = reservations.open(bob); Reservation second = reservations.open(bob)) {
            first.coverTotal(QUOTA - 1_000);
            assertThat(first.bytes()).isEqualTo(QUOTA - 1_000);

            assertThatThrownBy(() -> second.coverTotal(1_001))
                    .isInstanceOf(QuotaExceededException.class)
                    .hasMessageContaining("storage quota of account 'bob' exceeded")
                    .hasMessageContaining("1000 remain (" + (QUOTA - 1_000) + " more are held by uploads and pins in progress)");
            assertThat(second.bytes()).as("a refused writer keeps what it had").isZero();
            second.coverTotal(1_000);
            assertThat(reservations.reservedBytes(bob)).isEqualTo(QUOTA);
        }
        assertThat(reservations.reservedBytes(bob)).as("closing gives every byte back").isZero();
    }

    @Test
    void growingAheadOfTheBytesNeverTakesMoreThanIsLeft() {
        try (Reservation r = reservations.open(bob)) {
            r.cover(100);
            assertThat(r.bytes()).isEqualTo(100 + QuotaReservations.STEP);
            r.cover(8_000_000);
            assertThat(r.bytes()).as("a quarter ahead, capped by the quota").isEqualTo(QUOTA);
            r.cover(QUOTA);
            assertThatThrownBy(() -> r.cover(QUOTA + 1)).isInstanceOf(QuotaExceededException.class);
            assertThat(r.bytes()).isEqualTo(QUOTA);
        }
    }

    @Test
    void anAccountWithoutAQuotaIsNeverRefusedAndHoldsNothing() {
        try (Reservation r = reservations.open(carol)) {
            r.coverTotal(Long.MAX_VALUE / 2);
            r.cover(Long.MAX_VALUE / 2 + 1);
            assertThat(r.bytes()).isZero();
        }
        assertThat(reservations.reservedBytes(carol)).isZero();
    }

    @Test
    void concurrentWritersTogetherNeverHoldMoreThanTheQuota() throws Exception {
        AtomicLong granted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        // 8 writers of up to 4 MB each against 10 MB: they collide whenever the scheduler overlaps them
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int w = 0; w < 8; w++) {
            Random random = new Random(1_000 + w);
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int upload = 0; upload < 40; upload++) {
                        try (Reservation r = reservations.open(bob)) {
                            long target = 1 + random.nextInt(4_000_000);
                            for (long sent = 0; sent < target; ) {
                                sent = Math.min(target, sent + 1 + random.nextInt(200_000));
                                r.cover(sent);
                                assertThat(reservations.reservedBytes(bob)).isLessThanOrEqualTo(QUOTA);
                            }
                            granted.incrementAndGet();
                        } catch (QuotaExceededException e) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : writers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(granted.get() + refused.get()).isEqualTo(8 * 40);
        assertThat(granted.get()).isPositive();
        assertThat(reservations.reservedBytes(bob)).isZero();
    }
}
