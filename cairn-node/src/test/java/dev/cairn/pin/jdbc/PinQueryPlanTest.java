package dev.cairn.pin.jdbc;

import static dev.cairn.pin.jdbc.PinFixtures.cid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.PinPage;
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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account with 100,000 pins stays usable: every listing shape is answered from an index (no
 * full scan of {@code pins}), and the listings Kubo sends most ({@code pin remote ls}: one status,
 * newest first) need no sort. Checked with SQLite's {@code EXPLAIN QUERY PLAN}, not with timings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinQueryPlanTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final int BULK = 100_000;
    private static final long START = 1_700_000_000_000L;
    private static final Set<PinStatus> ALL = EnumSet.allOf(PinStatus.class);

    @TempDir
    static Path dir;

    private Database db;
    private JdbcPinService pins;

    @BeforeAll
    void fill() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        PinFixtures.accounts(db, ALICE, BOB);
        pins = new JdbcPinService(db, new RecordingJobQueue(), new FakeClock(START + 10L * BULK));
        Cid bulk = cid("bulk");
        // One statement, one transaction: 100k rows of every status, names "bulk-<n>", created 1 ms apart;
        // every tenth is a tombstone, and Bob gets as many rows as Alice.
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL"
                    + " SELECT x + 1 FROM n WHERE x + 1 < ?)"
                    + " INSERT INTO pins (request_id, account_id, cid_text, cid, multihash, name, name_folded,"
                    + " origins, meta, status, created, updated_at, info, deleted_at)"
                    + " SELECT printf('00000000-0000-4000-8000-%012d', x), 1 + x % 2, ?, ?, ?,"
                    + " 'bulk-' || x, 'bulk-' || x, '[]', '{}',"
                    + " CASE x % 4 WHEN 0 THEN 'queued' WHEN 1 THEN 'pinning' WHEN 2 THEN 'pinned' ELSE 'failed' END,"
                    + " ? + x, 0, '{}', CASE WHEN x % 10 = 9 THEN 1 END FROM n")) {
                ps.setInt(1, 2 * BULK);
                ps.setString(2, bulk.toString());
                ps.setBytes(3, bulk.bytes());
                ps.setBytes(4, bulk.multihash().bytes());
                ps.setLong(5, START);
                ps.executeUpdate();
            }
            return null;
        });
        pins.add(ALICE, PinFixtures.withMeta("needle", Map.of("app", "needle")));
    }

    @AfterAll
    void close() {
        db.close();
    }

    private static PinQuery query(Set<Cid> cids, String name, NameMatch match, Set<PinStatus> statuses,
                                  Instant before, Map<String, String> meta) {
        return new PinQuery(cids, name, match, statuses, before, null, 10, meta);
    }

    private List<String> plan(PinQuery q, boolean count) {
        PinListingSql sql = new PinListingSql(ALICE, q);
        return db.read(c -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "EXPLAIN QUERY PLAN " + (count ? sql.countSql() : sql.pageSql()))) {
                sql.bind(ps);
                if (!count) {
                    ps.setInt(ps.getParameterMetaData().getParameterCount(), q.limit());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString("detail"));
                    }
                }
            }
            return lines;
        });
    }

    private void assertIndexed(PinQuery q) {
        for (boolean count : new boolean[] {false, true}) {
            List<String> plan = plan(q, count);
            assertThat(plan).as("plan of %s (count=%s)", q, count)
                    .anyMatch(l -> l.contains("pins USING") && l.contains("INDEX"))
                    .noneMatch(l -> l.matches("SCAN pins\\b.*") && !l.contains("INDEX"));
        }
    }

    @Test
    void theDefaultListingAndKubosOneStatusListingAreIndexedAndUnsorted() {
        for (PinQuery q : List.of(PinQuery.all(10), query(Set.of(), null, null, Set.of(PinStatus.PINNED), null, Map.of()),
                query(Set.of(), null, null, Set.of(PinStatus.PINNED), Instant.ofEpochMilli(START + 5000), Map.of()))) {
            assertIndexed(q);
            assertThat(plan(q, false)).as("plan of %s", q).noneMatch(l -> l.contains("TEMP B-TREE"));
        }
    }

    @Test
    void everyFilterIsAnsweredFromAnIndex() {
        assertIndexed(query(Set.of(cid("needle"), cid("bulk")), null, null, ALL, null, Map.of()));
        assertIndexed(query(Set.of(), "bulk-42", NameMatch.EXACT, ALL, null, Map.of()));
        assertIndexed(query(Set.of(), "BULK-42", NameMatch.IEXACT, ALL, null, Map.of()));
        assertIndexed(query(Set.of(), "k-4", NameMatch.IPARTIAL, ALL, null, Map.of()));
        assertIndexed(query(Set.of(), null, null, Set.of(PinStatus.QUEUED, PinStatus.PINNING), null, Map.of()));
        assertIndexed(query(Set.of(), null, null, ALL, null, Map.of("app", "needle")));
    }

    @Test
    void listingsOverTheWholeAccountAreCorrect() {
        // Alice: even x, 100,000 rows, no tombstones (x % 10 == 9 is never even); plus the needle.
        PinPage all = pins.list(ALICE, PinQuery.all(10));
        assertThat(all.count()).isEqualTo(BULK + 1);
        assertThat(all.results().getFirst().pin().name()).isNull();
        assertThat(all.results().get(1).pin().name()).isEqualTo("bulk-199998");

        // Alice's rows are x = 0, 2, 4, ...: x % 4 == 0 queued, == 2 pinned.
        assertThat(pins.list(ALICE, query(Set.of(), null, null, Set.of(PinStatus.PINNED), null, Map.of())).count())
                .isEqualTo(BULK / 2);
        assertThat(pins.list(ALICE, query(Set.of(), "bulk-42", NameMatch.EXACT, ALL, null, Map.of())).count())
                .isEqualTo(1);
        assertThat(pins.list(BOB, query(Set.of(), null, null, ALL, null, Map.of())).count())
                .as("Bob: odd x, one in five a tombstone").isEqualTo(BULK - BULK / 5);
        PinPage needle = pins.list(ALICE, query(Set.of(), null, null, ALL, null, Map.of("app", "needle")));
        assertThat(needle.results()).extracting(PinRecord::pin).extracting(p -> p.cid()).containsExactly(cid("needle"));
    }
}
