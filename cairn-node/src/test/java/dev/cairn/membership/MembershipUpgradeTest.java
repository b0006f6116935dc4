package dev.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.LocalNode;
import dev.cairn.app.NodeContext;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.content.UploadPinner;
import dev.cairn.db.OlderSchema;
import dev.cairn.multiformats.Multihash;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database from before migration V8, with pins already pinned: the migration lists their roots,
 * and the node's backfill walks them, after which their inner blocks are readable.
 */
class MembershipUpgradeTest {
    @TempDir
    Path home;

    @Test
    void rootsPinnedBeforeV8AreBackfilledFromTheStore() throws Exception {
        Path car = MembershipIndexTest.MIXED;
        Cid root = MembershipIndexTest.root(car);
        Path dataDir = home; // store.data-dir defaults to the home itself
        try (Connection c = OlderSchema.create(dataDir.resolve(LocalNode.DATABASE_FILE), 7)) {
            c.createStatement().execute("INSERT INTO accounts (id, name, created_at) VALUES (1, 'alice', 0)");
            insertPin(c, root, "pinned", null);
            insertPin(c, root, "pinned", 5L); // deleted: not listed
            insertPin(c, Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"), "queued", null);
        }

        NodeContext ctx = NodeContext.open(new CairnHome(home), Map.of(), Map.of());
        try (LocalNode node = LocalNode.open(ctx)) {
            MembershipIndex index = node.pins().membership();
            assertThat(index.backlog()).as("the one root pinned and visible").isEqualTo(1);
            node.content().importCars(List.of(car), UploadPinner.NONE); // its blocks, as the old store held them
            Multihash inner = MembershipIndexTest.multihashes(car).stream()
                    .filter(m -> !m.equals(root.multihash())).findFirst().orElseThrow();
            assertThat(index.readableByAnyone(Cid.v1(0x55, inner))).isFalse();
            assertThat(index.readableByAnyone(root)).as("the root is served meanwhile").isTrue();

            var backfill = node.membershipBackfillService();
            backfill.start();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (index.backlog() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            backfill.stop();

            assertThat(index.backlog()).isZero();
            for (Multihash mh : MembershipIndexTest.multihashes(car)) {
                assertThat(index.readableBy(1, Cid.v1(0x55, mh))).isTrue();
            }
        }
    }

    private static void insertPin(Connection c, Cid cid, String status, Long deletedAt) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pins (request_id, account_id, cid_text, cid,"
                + " multihash, origins, meta, status, created, updated_at, info, deleted_at)"
                + " VALUES (?, 1, ?, ?, ?, '[]', '{}', ?, ?, 0, '{}', ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, cid.toString());
            ps.setBytes(3, cid.bytes());
            ps.setBytes(4, cid.multihash().bytes());
            ps.setString(5, status);
            ps.setLong(6, System.nanoTime());
            if (deletedAt == null) {
                ps.setNull(7, java.sql.Types.BIGINT);
            } else {
                ps.setLong(7, deletedAt);
            }
            ps.executeUpdate();
        }
    }
}
