package dev.cairn.pin.job;

import dev.cairn.cid.Cid;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A job as a worker claimed it.
 *
 * @param attempt which claim this is, 1 for the first (a lease that expired counts: the run it
 *     cut short was an attempt)
 * @param owner the node id holding the lease
 */
public record Job(UUID requestId, long accountId, Cid cid, List<String> origins, int attempt, String owner) {
    public Job {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(owner, "owner");
        origins = List.copyOf(origins);
    }
}
