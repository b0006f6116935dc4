package dev.cairn.pin.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counts read from the trigger-kept {@code pin_counts} (V6) stay equal to counting the rows,
 * through every way a request changes: add, the job lifecycle, upload pins, replace and delete.
 */
class PinCountsTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;

    @TempDir
    Path dir;

    private Database db;
    private final FakeClock clock = new FakeClock(1_764_000_000_000L);
    private JdbcPinService pins;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        PinFixtures.accounts(db, ALICE, BOB);
        pins = new JdbcPinService(db, new RecordingJobQueue(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void countsFromTheCounterTableEqualCountingRowsThroughRandomChanges() {
        long seed = 20261125L;
        Random random = new Random(seed);
        List<PinRecord> live = new ArrayList<>();
        for (int step = 0; step < 600; step++) {
            clock.advance(1 + random.nextInt(3));
            long account = random.nextBoolean() ? ALICE : BOB;
            int op = random.nextInt(10);
            if (op < 4 || live.isEmpty()) {
                live.add(pins.add(account, Pin.of(cid(random.nextInt(50)))));
            } else if (op == 4) {
                Cid cid = cid(random.nextInt(50));
                live.add(db.transaction(c -> pins.insertPinned(c, account, Pin.of(cid), Map.of())));
            } else {
                PinRecord r = live.get(random.nextInt(live.size()));
                UUID id = r.requestId();
                switch (op) {
                    case 5 -> pins.pinning(id, Map.of("status_details", "fetching"));
                    case 6 -> db.transaction(c -> {
                        pins.pinned(id, Map.of()).run(c);
                        return null;
                    });
                    case 7 -> pins.failed(id, "no source");
                    case 8 -> {
                        live.remove(r);
                        if (pins.get(r.accountId(), id).isPresent()) {
                            pins.delete(r.accountId(), id);
                        }
                    }
                    default -> {
                        live.remove(r);
                        if (pins.get(r.accountId(), id).isPresent()) {
                            live.add(pins.replace(r.accountId(), id, Pin.of(cid(random.nextInt(50)))));
                        }
                    }
                }
            }
            if (step % 25 == 0) {
                assertCountsExact("seed " + seed + " step " + step, random);
            }
        }
        assertCountsExact("seed " + seed + " end", random);
    }

    private void assertCountsExact(String when, Random random) {
        for (long account : List.of(ALICE, BOB)) {
            for (Set<PinStatus> statuses : List.of(EnumSet.allOf(PinStatus.class), EnumSet.of(PinStatus.PINNED),
                    EnumSet.of(PinStatus.QUEUED, PinStatus.PINNING), EnumSet.of(PinStatus.FAILED))) {
                Instant before = random.nextBoolean() ? null : Instant.ofEpochMilli(clock.millis() - random.nextInt(900));
                PinQuery q = new PinQuery(Set.of(), null, NameMatch.EXACT, statuses, before, null, 1, Map.of());
                assertThat(pins.list(account, q).count()).as(when + " " + statuses + " before " + before)
                        .isEqualTo(rows(account, statuses, before));
            }
        }
    }

    private long rows(long account, Set<PinStatus> statuses, Instant before) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM pins WHERE account_id = ? AND deleted_at IS NULL");
            sql.append(" AND status IN (").append(String.join(",", statuses.stream().map(s -> "'" + s.wire() + "'").toList()))
                    .append(")");
            if (before != null) {
                sql.append(" AND created < ").append(before.toEpochMilli());
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setLong(1, account);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static Cid cid(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {(byte) i}));
    }
}
