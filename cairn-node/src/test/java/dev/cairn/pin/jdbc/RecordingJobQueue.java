package dev.cairn.pin.jdbc;

import dev.cairn.cid.Cid;
import dev.cairn.pin.job.JobQueue;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link JobQueue} that only records what the pin repository asked of it (and checks that it was
 * asked inside an open transaction), for tests of the repository alone.
 */
public final class RecordingJobQueue implements JobQueue {
    public record Enqueued(UUID requestId, long accountId, Cid cid, List<String> origins) {}

    public final List<Enqueued> enqueued = new CopyOnWriteArrayList<>();
    public final List<UUID> cancelled = new CopyOnWriteArrayList<>();
    public final List<UUID> forgotten = new CopyOnWriteArrayList<>();

    @Override
    public void enqueue(Connection tx, UUID requestId, long accountId, Cid cid, List<String> origins) {
        requireTransaction(tx);
        enqueued.add(new Enqueued(requestId, accountId, cid, List.copyOf(origins)));
    }

    @Override
    public void cancel(Connection tx, UUID requestId) {
        requireTransaction(tx);
        cancelled.add(requestId);
    }

    @Override
    public void forget(Connection tx, UUID requestId) {
        requireTransaction(tx);
        forgotten.add(requestId);
    }

    public List<UUID> enqueuedIds() {
        return enqueued.stream().map(Enqueued::requestId).toList();
    }

    private static void requireTransaction(Connection tx) {
        try {
            if (tx.getAutoCommit()) {
                throw new AssertionError("the job queue must be called inside the pin transaction");
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
