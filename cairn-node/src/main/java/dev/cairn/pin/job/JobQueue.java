package dev.cairn.pin.job;

import dev.cairn.cid.Cid;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;

/**
 * The pin repository's view of the job queue: jobs are created and cancelled inside the same
 * transaction as the pin request rows they belong to.
 */
public interface JobQueue {
    /** Queues the fetch job of a new request; runs in the caller's transaction {@code tx}. */
    void enqueue(Connection tx, UUID requestId, long accountId, Cid cid, List<String> origins);

    /**
     * Cancels the job of a deleted or replaced request in the caller's transaction; a worker
     * running it notices (at its next progress report at the latest) and stops without committing.
     */
    void cancel(Connection tx, UUID requestId);

    /**
     * Removes the job row of a request whose tombstone is purged, in the caller's transaction. The
     * job was cancelled when the request was deleted; a worker still running it finds its row gone
     * and stops, as for a cancelled job.
     */
    void forget(Connection tx, UUID requestId);
}
