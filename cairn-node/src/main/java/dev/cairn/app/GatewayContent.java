package dev.cairn.app;

import dev.cairn.account.Principal;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.db.Database;
import dev.cairn.gateway.ContentBackend;
import dev.cairn.gateway.ReadAccess;
import dev.cairn.pin.PinStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.function.Function;

/** The gateway's content port over the node's content service. */
final class GatewayContent implements ContentBackend {
    private final ContentService content;

    GatewayContent(ContentService content) {
        this.content = content;
    }

    @Override
    public Optional<byte[]> block(Cid cid) {
        return content.block(cid);
    }

    @Override
    public Optional<java.nio.ByteBuffer> blockView(Cid cid) {
        return content.blockView(cid);
    }

    @Override
    public void writeCar(Cid root, OutputStream out) throws IOException {
        content.exportCar(root, out);
    }

    /**
     * The gateway's read-access port over the pins table and the token check. A CID counts as
     * pinned when a visible pin request for the same multihash (so CIDv0 and CIDv1 match) is in
     * status {@code pinned}.
     *
     * <p>{@code pinnedByAnyone} has no index of its own yet (the listing indexes lead with
     * {@code account_id}); a partial index on {@code pins(multihash)} would make it a lookup.
     */
    static ReadAccess readAccess(Database db, Function<String, Optional<Principal>> authenticate) {
        String pinned = PinStatus.PINNED.wire();
        return new ReadAccess() {
            @Override
            public boolean pinnedByAnyone(Cid cid) {
                return db.read(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pins WHERE multihash = ?"
                            + " AND status = ? AND deleted_at IS NULL LIMIT 1")) {
                        ps.setBytes(1, cid.multihash().bytes());
                        ps.setString(2, pinned);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
            }

            @Override
            public boolean pinnedBy(long accountId, Cid cid) {
                return db.read(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pins WHERE account_id = ?"
                            + " AND multihash = ? AND status = ? AND deleted_at IS NULL LIMIT 1")) {
                        ps.setLong(1, accountId);
                        ps.setBytes(2, cid.multihash().bytes());
                        ps.setString(3, pinned);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next();
                        }
                    }
                });
            }

            @Override
            public Optional<Principal> authenticate(String secret) {
                return authenticate.apply(secret);
            }
        };
    }
}
