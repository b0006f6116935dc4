package dev.cairn.pin.jdbc;

import static dev.cairn.pin.jdbc.PinFixtures.cid;
import static dev.cairn.pin.jdbc.PinFixtures.named;
import static dev.cairn.pin.jdbc.PinFixtures.pin;
import static dev.cairn.pin.jdbc.PinFixtures.withMeta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinPage;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /pins semantics at the repository: every filter, exact counts, newest first, Kubo's paging. */
class PinListingTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final Set<PinStatus> ALL = EnumSet.allOf(PinStatus.class);

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

    private static PinQuery query(Set<Cid> cids, String name, NameMatch match, Set<PinStatus> statuses,
                                  Instant before, Instant after, int limit, Map<String, String> meta) {
        return new PinQuery(cids, name, match, statuses, before, after, limit, meta);
    }

    private static PinQuery byName(String name, NameMatch match) {
        return query(Set.of(), name, match, ALL, null, null, 100, Map.of());
    }

    private List<String> names(PinQuery q) {
        PinPage page = pins.list(ALICE, q);
        assertThat(page.count()).as("count of an unpaged query").isEqualTo(page.results().size());
        return page.results().stream().map(r -> r.pin().name()).toList();
    }

    private PinRecord add(Pin p) {
        clock.advance(1000);
        return pins.add(ALICE, p);
    }

    @Test
    void resultsAreNewestFirst() {
        PinRecord a = add(pin("a"));
        PinRecord b = add(pin("b"));
        PinRecord c = add(pin("c"));
        assertThat(pins.list(ALICE, PinQuery.all(10)).results()).containsExactly(c, b, a);
    }

    @Test
    void limitCutsThePageButNotTheCount() {
        for (int i = 0; i < 15; i++) {
            add(pin("p" + i));
        }
        PinPage page = pins.list(ALICE, PinQuery.all(10));
        assertThat(page.results()).hasSize(10);
        assertThat(page.count()).isEqualTo(15);
    }

    @Test
    void kubosPagingWithBeforeVisitsEveryPinOnceInOrder() {
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            added.add(pins.add(ALICE, pin("page" + i)).requestId()); // same instant: created bumps by 1 ms
        }
        List<UUID> seen = new ArrayList<>();
        Instant before = null;
        int requests = 0;
        while (true) {
            PinPage page = pins.list(ALICE, query(Set.of(), null, null, ALL, before, null, 10, Map.of()));
            requests++;
            page.results().forEach(r -> seen.add(r.requestId()));
            if (page.count() == page.results().size()) {
                break;
            }
            assertThat(page.results()).as("Kubo errors on an empty page with count != 0").isNotEmpty();
            before = page.results().getLast().created();
        }
        assertThat(requests).isEqualTo(3);
        assertThat(seen).isEqualTo(added.reversed());
    }

    @Test
    void beforeAndAfterAreStrictAndTheCountHonoursThem() {
        PinRecord a = add(pin("a"));
        PinRecord b = add(pin("b"));
        PinRecord c = add(pin("c"));
        PinPage between = pins.list(ALICE, query(Set.of(), null, null, ALL, c.created(), a.created(), 10, Map.of()));
        assertThat(between.results()).containsExactly(b);
        assertThat(between.count()).isEqualTo(1);
        assertThat(pins.list(ALICE, query(Set.of(), null, null, ALL, a.created(), null, 10, Map.of())).count())
                .isZero();
        assertThat(pins.list(ALICE, query(Set.of(), null, null, ALL, null, c.created(), 10, Map.of())).count())
                .isZero();
    }

    @Test
    void subMillisecondBoundsCompareWithTheExactInstant() {
        PinRecord a = add(pin("a"));
        Instant justAfter = a.created().plusNanos(1);
        Instant justBefore = a.created().minusNanos(1);
        assertThat(pins.list(ALICE, query(Set.of(), null, null, ALL, justAfter, null, 10, Map.of())).results())
                .containsExactly(a);
        assertThat(pins.list(ALICE, query(Set.of(), null, null, ALL, justBefore, null, 10, Map.of())).count())
                .isZero();
        assertThat(pins.list(ALICE, query(Set.of(), null, null, ALL, null, justBefore, 10, Map.of())).results())
                .containsExactly(a);
        assertThat(pins.list(ALICE, query(Set.of(), null, null, ALL, null, justAfter, 10, Map.of())).count())
                .isZero();
    }

    @Test
    void theCidFilterMatchesCidV0AndCidV1OfTheSameMultihash() {
        Cid dagPb = Cid.v0(cid("dir").multihash());
        PinRecord v0 = add(new Pin(dagPb.toString(), dagPb, "v0", List.of(), Map.of()));
        PinRecord v1 = add(new Pin(dagPb.toV1().toString(), dagPb.toV1(), "v1", List.of(), Map.of()));
        add(named("other", "other"));

        PinPage byV0 = pins.list(ALICE, query(Set.of(dagPb), null, null, ALL, null, null, 10, Map.of()));
        PinPage byV1 = pins.list(ALICE, query(Set.of(dagPb.toV1()), null, null, ALL, null, null, 10, Map.of()));
        assertThat(byV0.results()).containsExactly(v1, v0);
        assertThat(byV1.results()).containsExactly(v1, v0);
        assertThat(byV0.count()).isEqualTo(2);
    }

    @Test
    void severalCidsMatchAnyOfThem() {
        add(named("a", "a"));
        add(named("b", "b"));
        add(named("c", "c"));
        assertThat(names(query(Set.of(cid("a"), cid("c")), null, null, ALL, null, null, 10, Map.of())))
                .containsExactly("c", "a");
    }

    @Test
    void nameMatchesInTheFourModesOfTheSpec() {
        add(named("1", "Photos 2024"));
        add(named("2", "photos 2024"));
        add(named("3", "My Photos"));
        add(named("4", "ÉTÉ photos"));
        add(pin("unnamed"));

        assertThat(names(byName("photos 2024", NameMatch.EXACT))).containsExactly("photos 2024");
        assertThat(names(byName("PHOTOS 2024", NameMatch.IEXACT))).containsExactly("photos 2024", "Photos 2024");
        assertThat(names(byName("Photos", NameMatch.PARTIAL))).containsExactly("My Photos", "Photos 2024");
        assertThat(names(byName("photos", NameMatch.IPARTIAL)))
                .containsExactly("ÉTÉ photos", "My Photos", "photos 2024", "Photos 2024");
        assertThat(names(byName("été", NameMatch.IPARTIAL))).as("case folding beyond ASCII")
                .containsExactly("ÉTÉ photos");
    }

    @Test
    void likeWildcardsInANameAreLiteralText() {
        add(named("1", "100% done"));
        add(named("2", "100 done"));
        add(named("3", "a_b"));
        add(named("4", "axb"));
        assertThat(names(byName("0%", NameMatch.PARTIAL))).containsExactly("100% done");
        assertThat(names(byName("A_B", NameMatch.IPARTIAL))).containsExactly("a_b");
        assertThat(names(byName("_", NameMatch.IEXACT))).isEmpty();
    }

    @Test
    void theStatusFilterSelectsAnySetOfStatuses() {
        PinRecord queued = add(named("q", "q"));
        PinRecord pinning = add(named("p", "p"));
        PinRecord pinned = add(named("d", "d"));
        PinRecord failed = add(named("f", "f"));
        pins.pinning(pinning.requestId(), Map.of());
        db.transaction(c -> {
            pins.pinned(pinned.requestId(), Map.of()).run(c);
            return null;
        });
        pins.failed(failed.requestId(), "no");

        assertThat(names(query(Set.of(), null, null, Set.of(PinStatus.PINNED), null, null, 10, Map.of())))
                .containsExactly("d");
        assertThat(names(query(Set.of(), null, null, Set.of(PinStatus.QUEUED, PinStatus.FAILED), null, null, 10,
                Map.of()))).containsExactly("f", "q");
        assertThat(names(query(Set.of(), null, null, ALL, null, null, 10, Map.of()))).hasSize(4);
        assertThat(queued.status()).isEqualTo(PinStatus.QUEUED);
    }

    @Test
    void metaMatchesWhenEveryGivenPairIsPresent() {
        add(new Pin(cid("1").toString(), cid("1"), "both", List.of(), Map.of("app", "x", "env", "prod")));
        add(new Pin(cid("2").toString(), cid("2"), "app only", List.of(), Map.of("app", "x")));
        add(new Pin(cid("3").toString(), cid("3"), "other app", List.of(), Map.of("app", "y", "env", "prod")));
        add(new Pin(cid("4").toString(), cid("4"), "odd key", List.of(),
                Map.of("a.b\"c", "'; DROP TABLE pins; --", "$.app", "x")));

        assertThat(names(query(Set.of(), null, null, ALL, null, null, 10, Map.of("app", "x"))))
                .containsExactly("app only", "both");
        assertThat(names(query(Set.of(), null, null, ALL, null, null, 10, Map.of("app", "x", "env", "prod"))))
                .containsExactly("both");
        assertThat(names(query(Set.of(), null, null, ALL, null, null, 10, Map.of("app", "X")))).isEmpty();
        assertThat(names(query(Set.of(), null, null, ALL, null, null, 10, Map.of("a.b\"c", "'; DROP TABLE pins; --"))))
                .containsExactly("odd key");
    }

    @Test
    void metaIsStoredAndReturnedAsSent() {
        Map<String, String> meta = Map.of("app_id", "99", "empty", "", "ünï", "cödé");
        PinRecord r = add(withMeta("m", meta));
        assertThat(pins.get(ALICE, r.requestId()).orElseThrow().pin().meta()).isEqualTo(meta);
    }

    @Test
    void theCountIsExactOverEveryFilterAtOnce() {
        for (int i = 0; i < 30; i++) {
            Map<String, String> meta = i % 2 == 0 ? Map.of("even", "yes") : Map.of();
            add(new Pin(cid("c" + (i % 3)).toString(), cid("c" + (i % 3)), "n" + i, List.of(), meta));
        }
        List<PinRecord> all = pins.list(ALICE, PinQuery.all(100)).results();
        Instant before = all.get(5).created();
        Instant after = all.get(25).created();
        // created strictly between all[25] and all[5]: indices 6..24; i = 29 - index; even i; cid c0 => i % 3 == 0
        long expected = all.subList(6, 25).stream()
                .filter(r -> r.pin().meta().containsKey("even") && r.pin().cid().equals(cid("c0")))
                .count();
        PinPage page = pins.list(ALICE, query(Set.of(cid("c0")), "n", NameMatch.PARTIAL, ALL, before, after, 1,
                Map.of("even", "yes")));
        assertThat(expected).isEqualTo(3);
        assertThat(page.count()).isEqualTo(expected);
        assertThat(page.results()).hasSize(1);
    }

    @Test
    void anotherAccountsPinsNeverAppearUnderAnyFilter() {
        pins.add(BOB, named("shared", "shared"));
        PinRecord mine = add(named("shared", "shared"));
        assertThat(pins.list(ALICE, query(Set.of(cid("shared")), "shared", NameMatch.EXACT, ALL, null, null, 10,
                Map.of())).results()).containsExactly(mine);
        assertThat(pins.list(BOB, PinQuery.all(10)).results()).extracting(PinRecord::accountId).containsOnly(BOB);
    }
}
