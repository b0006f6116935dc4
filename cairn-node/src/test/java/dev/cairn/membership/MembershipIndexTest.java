package dev.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.account.AccountService;
import dev.cairn.block.Block;
import dev.cairn.car.CarReader;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multihash;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.jdbc.JdbcPinService;
import dev.cairn.pin.jdbc.RecordingJobQueue;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.testing.FixtureCars;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership rows against a real database, with DAGs from Kubo-exported CAR fixtures: a CAR made by
 * {@code ipfs dag export} holds exactly the blocks of its root's DAG, which is the reference for
 * what membership must name.
 */
class MembershipIndexTest {
    static final Path MIXED = FixtureCars.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car");
    static final Path HAMT = FixtureCars.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
    static final Path FILES = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");

    @TempDir
    Path dir;
    Database db;
    JdbcPinService pins;
    MembershipIndex index;
    MemoryBlockStore store;
    long alice;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        alice = AccountService.over(db).create("alice").id();
        pins = new JdbcPinService(db, new RecordingJobQueue(), InstantSource.system());
        index = pins.membership();
        store = new MemoryBlockStore();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aWalkNamesExactlyTheBlocksKuboExportedForTheDag() throws Exception {
        for (Path car : List.of(MIXED, HAMT, FILES)) {
            MemoryBlockStore own = new MemoryBlockStore();
            LinkLog log = new LinkLog();
            try (var writer = own.writer()) {
                FixtureCars.blocks(car).forEach(log.sink(writer)::put);
                writer.commit();
            }
            Cid root = root(car);
            assertThat(DagMembers.walking(own).of(root)).as(car.toString()).isEqualTo(multihashes(car));
            assertThat(log.over(new MemoryBlockStore()).of(root)).as("from the log alone, " + car)
                    .isEqualTo(multihashes(car));
        }
    }

    @Test
    void everyBlockOfAPinnedDagIsReadableAndNoOtherIs() throws Exception {
        load(MIXED);
        load(FILES);
        PinRecord pin = db.transaction(c -> pins.insertPinned(c, alice, Pin.of(root(MIXED)), Map.of(),
                DagMembers.walking(store)));

        for (Multihash mh : multihashes(MIXED)) {
            Cid cid = Cid.v1(0x55, mh);
            assertThat(index.readableByAnyone(cid)).as(cid.toString()).isTrue();
            assertThat(index.readableBy(alice, cid)).isTrue();
            assertThat(index.readableBy(alice + 1, cid)).as("another account").isFalse();
        }
        assertThat(index.readableByAnyone(root(FILES))).as("stored, not pinned").isFalse();
        Multihash onlyInFiles = multihashes(FILES).stream().filter(m -> !multihashes(MIXED).contains(m))
                .findFirst().orElseThrow();
        assertThat(index.readableByAnyone(Cid.v1(0x55, onlyInFiles))).isFalse();

        pins.delete(alice, pin.requestId());
        assertThat(rows("pinned_blocks")).isZero();
        assertThat(rows("pinned_dags")).isZero();
        assertThat(index.readableByAnyone(root(MIXED))).isFalse();
    }

    @Test
    void aReadableAnswerIsReusedForASecondAtMostAndAMissingOneNever() throws Exception {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        JdbcPinService timed = new JdbcPinService(db, new RecordingJobQueue(),
                () -> java.time.Instant.ofEpochMilli(now.get()));
        MembershipIndex clocked = timed.membership();
        load(MIXED);
        Cid root = root(MIXED);
        assertThat(clocked.readableByAnyone(root)).isFalse();
        db.transaction(c -> timed.insertPinned(c, alice, Pin.of(root), Map.of(), DagMembers.walking(store)));
        assertThat(clocked.readableByAnyone(root)).as("a 'no' is not reused: new pins read at once").isTrue();

        // another process drops the pin behind this one's back (no release here to tell it)
        db.transaction(c -> {
            for (String sql : List.of("DELETE FROM pinned_blocks", "DELETE FROM pinned_dags", "DELETE FROM pins")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.executeUpdate();
                }
            }
            return null;
        });
        assertThat(clocked.readableByAnyone(root)).as("reused within the second").isTrue();
        now.addAndGet(MembershipIndex.REUSE_MILLIS);
        assertThat(clocked.readableByAnyone(root)).as("asked again after it").isFalse();
    }

    @Test
    void aRolledBackStatusChangeLeavesNoMembershipBehind() throws Exception {
        load(MIXED);
        PinRecord queued = pins.add(alice, Pin.of(root(MIXED)));

        assertThatThrownBy(() -> db.transaction(c -> {
            pins.pinned(queued.requestId(), Map.of(), DagMembers.walking(store)).run(c);
            throw new IllegalStateException("the block commit failed after the pin's update");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(pins.get(alice, queued.requestId()).orElseThrow().status().wire()).isEqualTo("queued");
        assertThat(rows("pinned_blocks")).isZero();
        db.transaction(c -> {
            pins.pinned(queued.requestId(), Map.of(), DagMembers.walking(store)).run(c);
            return null;
        });
        assertThat(rows("pinned_blocks")).isEqualTo(multihashes(MIXED).size());
    }

    @Test
    void aRootIsWalkedOnceHoweverManyRequestsPinIt() throws Exception {
        load(MIXED);
        AtomicInteger walks = new AtomicInteger();
        DagMembers counting = root -> {
            walks.incrementAndGet();
            return DagMembers.walking(store).of(root);
        };
        for (int i = 0; i < 5; i++) {
            db.transaction(c -> pins.insertPinned(c, alice, Pin.of(root(MIXED)), Map.of(), counting));
        }
        db.transaction(c -> pins.insertPinned(c, alice, Pin.of(root(MIXED).toV1()), Map.of(), counting));

        assertThat(walks).as("CIDv0 and CIDv1 of one dag-pb root are one root").hasValue(1);
        assertThat(rows("pinned_blocks")).isEqualTo(multihashes(MIXED).size());
    }

    @Test
    void aDagThatCannotBeNamedAtCommitGoesToTheBacklogAndTheBackfillRecordsIt() throws Exception {
        PinRecord queued = pins.add(alice, Pin.of(root(MIXED)));
        db.transaction(c -> {
            // The blocks are not in `store` yet: the walk fails, the status change must not.
            pins.pinned(queued.requestId(), Map.of(), DagMembers.walking(store)).run(c);
            return null;
        });
        Cid inner = Cid.v1(0x55, multihashes(MIXED).stream().filter(m -> !m.equals(root(MIXED).multihash()))
                .findFirst().orElseThrow());

        assertThat(pins.get(alice, queued.requestId()).orElseThrow().status().wire()).isEqualTo("pinned");
        assertThat(index.backlog()).isEqualTo(1);
        assertThat(index.readableByAnyone(root(MIXED))).as("the root itself, through the pins table").isTrue();
        assertThat(index.readableByAnyone(inner)).isFalse();
        assertThat(index.backfill(DagMembers.walking(store))).as("still incomplete: stays listed").isZero();
        assertThat(index.backlog()).isEqualTo(1);

        load(MIXED);
        assertThat(index.backfill(DagMembers.walking(store))).isEqualTo(1);

        assertThat(index.backlog()).isZero();
        assertThat(index.readableByAnyone(inner)).isTrue();
        assertThat(index.readableBy(alice, inner)).isTrue();
    }

    @Test
    void theBackfillSkipsRootsWhosePinsWentMeanwhile() throws Exception {
        load(MIXED);
        PinRecord pin = db.transaction(c -> pins.insertPinned(c, alice, Pin.of(root(MIXED)), Map.of()));
        assertThat(index.backlog()).isEqualTo(1);
        pins.delete(alice, pin.requestId());

        assertThat(index.backfill(DagMembers.walking(store))).isZero();

        assertThat(index.backlog()).isZero();
        assertThat(rows("pinned_blocks")).isZero();
    }

    @Test
    void theAnyoneCheckIsOneIndexLookup() {
        assertThat(plan(MembershipIndex.ANYONE_CHECK, 2)).contains("USING COVERING INDEX pinned_blocks_by_block")
                .contains("pins_pinned_by_multihash").doesNotContain("SCAN pins").doesNotContain("SCAN pinned_blocks");
    }

    @Test
    void theAccountCheckStartsFromTheBlockNotFromTheAccountsPins() {
        // Pins of the account first, so that a planner free to start from them would be tempted to.
        for (int i = 0; i < 50; i++) {
            int n = i;
            db.transaction(c -> pins.insertPinned(c, alice, Pin.of(Cid.v1(0x55, Multihash.sha256(new byte[] {(byte) n}))),
                    Map.of(), root -> Set.of(root.multihash())));
        }
        String plan = plan(MembershipIndex.ACCOUNT_CHECK, 4);
        assertThat(plan.lines().filter(l -> l.contains("pinned_blocks")).findFirst().orElseThrow())
                .contains("USING COVERING INDEX pinned_blocks_by_block (block=?)");
        assertThat(plan).doesNotContain("SCAN pins").doesNotContain("SCAN pinned_blocks")
                .contains("account_id=? AND multihash=?");
    }

    private String plan(String sql, int params) {
        return db.read(c -> {
            StringBuilder out = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 1; i <= params; i++) {
                    ps.setBytes(i, new byte[34]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(4)).append('\n');
                    }
                }
            }
            return out.toString();
        });
    }

    private void load(Path car) {
        try (var writer = store.writer()) {
            FixtureCars.blocks(car).forEach(writer::put);
            writer.commit();
        }
    }

    private long rows(String table) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static Cid root(Path car) {
        try (InputStream in = Files.newInputStream(car); CarReader reader = CarReader.open(in)) {
            return reader.header().roots().get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Set<Multihash> multihashes(Path car) {
        return FixtureCars.blocks(car).stream().map(Block::cid).filter(c -> !c.isIdentity())
                .map(Cid::multihash).collect(Collectors.toSet());
    }
}
