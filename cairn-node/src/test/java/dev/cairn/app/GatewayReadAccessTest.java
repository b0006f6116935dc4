package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.gateway.ReadAccess;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's read-access port over a real database's pins table. */
class GatewayReadAccessTest {
    static final Cid V0 = Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
    static final Cid OTHER = Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");

    @TempDir
    Path dir;
    Database db;
    ReadAccess access;
    long alice;
    long bob;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        var accounts = dev.cairn.account.AccountService.over(db);
        alice = accounts.create("alice").id();
        bob = accounts.create("bob").id();
        access = GatewayContent.readAccess(new dev.cairn.membership.MembershipIndex(db, java.time.InstantSource.system()),
                secret -> Optional.empty());
    }

    @AfterEach
    void close() {
        db.close();
    }

    void pin(long account, Cid cid, String status, boolean deleted) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pins (request_id, account_id, cid_text, cid,"
                    + " multihash, origins, meta, status, created, updated_at, info, deleted_at)"
                    + " VALUES (?, ?, ?, ?, ?, '[]', '{}', ?, ?, ?, '{}', ?)")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setLong(2, account);
                ps.setString(3, cid.toString());
                ps.setBytes(4, cid.bytes());
                ps.setBytes(5, cid.multihash().bytes());
                ps.setString(6, status);
                ps.setLong(7, System.nanoTime());
                ps.setLong(8, 1);
                if (deleted) {
                    ps.setLong(9, 2);
                } else {
                    ps.setNull(9, java.sql.Types.BIGINT);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void onlyAVisiblePinnedRequestMakesContentReadable() {
        assertThat(access.readableByAnyone(V0)).isFalse();
        pin(alice, V0, "queued", false);
        pin(alice, OTHER, "pinned", true);
        assertThat(access.readableByAnyone(V0)).isFalse();
        assertThat(access.readableByAnyone(OTHER)).isFalse();
        pin(alice, V0, "pinned", false);
        assertThat(access.readableByAnyone(V0)).isTrue();
        assertThat(access.readableByAnyone(V0.toV1())).as("CIDv1 of the same content").isTrue();
        assertThat(access.readableBy(alice, V0)).isTrue();
        assertThat(access.readableBy(bob, V0)).isFalse();
    }
}
