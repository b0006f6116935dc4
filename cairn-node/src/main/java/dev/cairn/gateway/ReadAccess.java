package dev.cairn.gateway;

import dev.cairn.account.Principal;
import dev.cairn.cid.Cid;
import java.util.Optional;

/**
 * What the gateway asks before serving a request in the {@code pinned} and {@code private}
 * modes. Implemented by the composition root over pins and tokens; the gateway never sees the
 * database. A request is judged by the CID at the head of its path: paths below a pinned root
 * are readable, a CID inside a pinned DAG requested on its own is not (yet).
 */
public interface ReadAccess {
    /** True when some account has a pin of {@code cid} in status {@code pinned}. */
    boolean pinnedByAnyone(Cid cid);

    /** True when account {@code accountId} has a pin of {@code cid} in status {@code pinned}. */
    boolean pinnedBy(long accountId, Cid cid);

    /** The principal a token secret belongs to, or empty when it does not authenticate. */
    Optional<Principal> authenticate(String secret);
}
