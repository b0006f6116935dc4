package dev.cairn.pin.job;

import java.util.UUID;

/**
 * A snapshot of one row of {@code pin_jobs}, for operators, metrics and tests.
 *
 * @param runAt queued: not before this time; running: lease expiry (epoch millis)
 * @param leaseOwner node id holding the lease, null unless running
 * @param lastError the reason of the last failed attempt, null if none failed
 * @param dagSize total DAG bytes when known, else -1
 */
public record JobRecord(UUID requestId, long accountId, String cid, JobState state, long runAt, int attempts,
                        String leaseOwner, String lastError, long blocksFetched, long bytesFetched,
                        long blocksPresent, long dagSize, String details) {}
