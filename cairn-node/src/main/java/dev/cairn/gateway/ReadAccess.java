package dev.cairn.gateway;

import dev.cairn.account.Principal;
import dev.cairn.cid.Cid;
import java.util.Optional;

/**
 * What the gateway asks before serving a request in the {@code pinned} and {@code private}
 * modes. Implemented by the composition root over the pins' membership index and tokens; the
 * gateway never sees the database. A request is judged by the CID at the head of its path, and
 * that CID is readable when its block belongs to a pinned DAG: the root itself, or any block
 * inside it (a sub-directory, a file, a chunk) requested on its own, as trustless clients do when
 * they fetch or resume block by block. Paths below a readable CID are readable too (they stay
 * inside its DAG). CIDs compare by multihash, so CIDv0 and CIDv1 of one block agree.
 */
public interface ReadAccess {
    /** True when the block of {@code cid} belongs to the DAG of some account's pin in status {@code pinned}. */
    boolean readableByAnyone(Cid cid);

    /** True when the block of {@code cid} belongs to the DAG of a pin of account {@code accountId} in status {@code pinned}. */
    boolean readableBy(long accountId, Cid cid);

    /** The principal a token secret belongs to, or empty when it does not authenticate. */
    Optional<Principal> authenticate(String secret);
}
