package dev.cairn.app;

import dev.cairn.account.Principal;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.gateway.ContentBackend;
import dev.cairn.gateway.ReadAccess;
import dev.cairn.membership.MembershipIndex;
import java.io.IOException;
import java.io.OutputStream;
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
     * The gateway's read-access port over the membership index and the token check: a CID is
     * readable when its block belongs to the DAG of a pinned request (any account's in
     * {@code pinned} mode, the account's own in {@code private} mode), matched by multihash so
     * CIDv0 and CIDv1 agree. One indexed lookup per request (see {@link MembershipIndex}).
     */
    static ReadAccess readAccess(MembershipIndex membership, Function<String, Optional<Principal>> authenticate) {
        return new ReadAccess() {
            @Override
            public boolean readableByAnyone(Cid cid) {
                return membership.readableByAnyone(cid);
            }

            @Override
            public boolean readableBy(long accountId, Cid cid) {
                return membership.readableBy(accountId, cid);
            }

            @Override
            public Optional<Principal> authenticate(String secret) {
                return authenticate.apply(secret);
            }
        };
    }
}
