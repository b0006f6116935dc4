package dev.cairn.pin.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.db.TransactionWork;
import dev.cairn.fetch.FetchProgress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The job queue on the metadata database (table {@code pin_jobs}, migration V4).
 *
 * <p>Design note. Every state change is one conditional {@code UPDATE ... WHERE state = 'running'
 * AND lease_owner = ?}: a worker whose lease was taken over (it stalled past the lease, or the job
 * was cancelled) changes nothing and learns so from the row count, so two nodes can never both
 * finish a job. A claim is a read then an update in one transaction; SQLite has a single writer,
 * which makes that race-free. On PostgreSQL the job-picking {@code SELECT} gets
 * {@code FOR UPDATE SKIP LOCKED} (the rest stays as is): concurrent claimers then skip each other's
 * rows instead of waiting, and the conditional updates keep the same guarantees.
 *
 * <p>Fairness: a claim first picks the account whose turn came longest ago among those with a
 * runnable job ({@code pin_job_turns}), then that account's oldest runnable job, then moves the
 * account to the back of the line. Each step is an index lookup, so a claim costs about the same
 * with a million queued jobs as with ten.
 */
public final class JdbcJobQueue implements JobQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVE = "('queued', 'running')";

    private final Database db;
    private final JobClock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public JdbcJobQueue(Database db, JobClock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code listener} after each {@link #enqueue}, on the enqueuing thread and inside its
     * transaction: it must only signal (workers then claim, and on SQLite their claim waits for
     * that transaction to commit).
     */
    public void onEnqueue(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public void enqueue(Connection tx, UUID requestId, long accountId, Cid cid, List<String> origins) {
        long now = clock.millis();
        try {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO pin_jobs (request_id, account_id, cid, "
                    + "origins, state, run_at, attempts, blocks_fetched, bytes_fetched, blocks_present, dag_size, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, 0, 0, 0, 0, -1, ?, ?)")) {
                ps.setString(1, requestId.toString());
                ps.setLong(2, accountId);
                ps.setString(3, cid.toString());
                ps.setString(4, JSON.writeValueAsString(List.copyOf(origins)));
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.setLong(7, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = tx.prepareStatement(
                    "INSERT INTO pin_job_turns (account_id, last_turn) VALUES (?, 0) ON CONFLICT (account_id) DO NOTHING")) {
                ps.setLong(1, accountId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new dev.cairn.db.DatabaseException("cannot queue the job of " + requestId + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("origins cannot be stored: " + e.getMessage(), e);
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public void cancel(Connection tx, UUID requestId) {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE pin_jobs SET state = 'cancelled', lease_owner = NULL, "
                + "updated_at = ? WHERE request_id = ? AND state <> 'cancelled'")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, requestId.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new dev.cairn.db.DatabaseException("cannot cancel the job of " + requestId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(Connection tx, UUID requestId) {
        try (PreparedStatement ps = tx.prepareStatement("DELETE FROM pin_jobs WHERE request_id = ?")) {
            ps.setString(1, requestId.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new dev.cairn.db.DatabaseException("cannot forget the job of " + requestId + ": " + e.getMessage(), e);
        }
    }

    /** The job of {@code requestId}, if one was ever queued. */
    public Optional<JobRecord> find(UUID requestId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT request_id, account_id, cid, state, run_at, attempts, "
                    + "lease_owner, last_error, blocks_fetched, bytes_fetched, blocks_present, dag_size, details "
                    + "FROM pin_jobs WHERE request_id = ?")) {
                ps.setString(1, requestId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new JobRecord(UUID.fromString(rs.getString(1)), rs.getLong(2), rs.getString(3),
                            JobState.fromColumn(rs.getString(4)), rs.getLong(5), rs.getInt(6), rs.getString(7),
                            rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getString(13)));
                }
            }
        });
    }

    /** How many jobs are in {@code state}. */
    public long count(JobState state) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pin_jobs WHERE state = ?")) {
                ps.setString(1, state.column());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Leases the next runnable job to {@code owner} until now + {@code lease}: fair across accounts
     * (see the class note), oldest first within an account. A running job whose lease expired is
     * runnable: its owner is presumed dead.
     */
    Optional<Job> claim(String owner, Duration lease) {
        long now = clock.millis();
        return db.transaction(c -> {
            Long account = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT t.account_id FROM pin_job_turns t WHERE EXISTS ("
                    + "SELECT 1 FROM pin_jobs j WHERE j.account_id = t.account_id AND j.state IN " + ACTIVE
                    + " AND j.run_at <= ?) ORDER BY t.last_turn, t.account_id LIMIT 1")) {
                ps.setLong(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        account = rs.getLong(1);
                    }
                }
            }
            if (account == null) {
                return Optional.<Job>empty();
            }
            // Two index range scans in run_at order (one per state) instead of one query over both
            // states, which would sort all of the account's runnable jobs: a running job whose
            // lease expired goes first, it has waited longest. PostgreSQL: append
            // FOR UPDATE SKIP LOCKED to both (see the class note).
            Job job = oldest(c, account, "running", now, owner);
            if (job == null) {
                job = oldest(c, account, "queued", now, owner);
            }
            if (job == null) {
                return Optional.<Job>empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE pin_jobs SET state = 'running', lease_owner = ?, "
                    + "run_at = ?, attempts = attempts + 1, updated_at = ? WHERE request_id = ?")) {
                ps.setString(1, owner);
                ps.setLong(2, now + lease.toMillis());
                ps.setLong(3, now);
                ps.setString(4, job.requestId().toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE pin_job_turns SET last_turn = "
                    + "(SELECT MAX(last_turn) FROM pin_job_turns) + 1 WHERE account_id = ?")) {
                ps.setLong(1, account);
                ps.executeUpdate();
            }
            return Optional.of(job);
        });
    }

    private static Job oldest(Connection c, long account, String state, long now, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT request_id, cid, origins, attempts FROM pin_jobs "
                + "WHERE account_id = ? AND state = ? AND run_at <= ? ORDER BY run_at LIMIT 1")) {
            ps.setLong(1, account);
            ps.setString(2, state);
            ps.setLong(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Job(UUID.fromString(rs.getString(1)), account, Cid.parse(rs.getString(2)),
                        origins(rs.getString(3)), rs.getInt(4) + 1, owner);
            }
        }
    }

    /**
     * Extends the lease to now + {@code lease} and records {@code progress} (null: keep the
     * recorded one). False when the job is no longer this owner's (cancelled, or taken over after
     * the lease expired): the worker must stop without committing.
     */
    boolean heartbeat(Job job, Duration lease, FetchProgress progress) {
        long now = clock.millis();
        return db.transaction(c -> {
            String sql = progress == null
                    ? "UPDATE pin_jobs SET run_at = ?, updated_at = ? WHERE request_id = ? AND state = 'running' "
                            + "AND lease_owner = ?"
                    : "UPDATE pin_jobs SET run_at = ?, updated_at = ?, blocks_fetched = ?, bytes_fetched = ?, "
                            + "blocks_present = ?, dag_size = ?, details = ? WHERE request_id = ? AND state = 'running' "
                            + "AND lease_owner = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, now + lease.toMillis());
                ps.setLong(i++, now);
                if (progress != null) {
                    ps.setLong(i++, progress.blocksFetched());
                    ps.setLong(i++, progress.bytesFetched());
                    ps.setLong(i++, progress.blocksPresent());
                    ps.setLong(i++, progress.dagSize());
                    ps.setString(i++, progress.details());
                }
                ps.setString(i++, job.requestId().toString());
                ps.setString(i, job.owner());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** True while the job is running under this owner's lease (a read; renews nothing). */
    boolean isLeased(Job job) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pin_jobs WHERE request_id = ? "
                    + "AND state = 'running' AND lease_owner = ?")) {
                ps.setString(1, job.requestId().toString());
                ps.setString(2, job.owner());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Work for the transaction that commits the job's blocks: marks the job done, or throws
     * {@link JobLostException} (rolling everything back) when it is no longer this owner's.
     */
    TransactionWork done(Job job, FetchProgress progress) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pin_jobs SET state = 'done', lease_owner = NULL, "
                    + "updated_at = ?, blocks_fetched = ?, bytes_fetched = ?, blocks_present = ?, dag_size = ?, "
                    + "details = ? WHERE request_id = ? AND state = 'running' AND lease_owner = ?")) {
                ps.setLong(1, clock.millis());
                ps.setLong(2, progress.blocksFetched());
                ps.setLong(3, progress.bytesFetched());
                ps.setLong(4, progress.blocksPresent());
                ps.setLong(5, progress.dagSize());
                ps.setString(6, progress.details());
                ps.setString(7, job.requestId().toString());
                ps.setString(8, job.owner());
                if (ps.executeUpdate() != 1) {
                    throw new JobLostException(job);
                }
            }
        };
    }

    /** Back to queued, runnable from {@code notBefore}, remembering why. False when not ours any more. */
    boolean retry(Job job, long notBefore, String reason) {
        return finish(job, "queued", notBefore, reason, false);
    }

    /** Failed for good. False when not ours any more. */
    boolean fail(Job job, String reason) {
        return finish(job, "failed", clock.millis(), reason, false);
    }

    /** Back to queued at once without counting the attempt (this node is shutting down). */
    boolean release(Job job) {
        return finish(job, "queued", clock.millis(), null, true);
    }

    private boolean finish(Job job, String state, long runAt, String reason, boolean uncount) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pin_jobs SET state = ?, lease_owner = NULL, "
                    + "run_at = ?, updated_at = ?, last_error = COALESCE(?, last_error), attempts = attempts - ? "
                    + "WHERE request_id = ? AND state = 'running' AND lease_owner = ?")) {
                ps.setString(1, state);
                ps.setLong(2, runAt);
                ps.setLong(3, now);
                ps.setString(4, reason);
                ps.setInt(5, uncount ? 1 : 0);
                ps.setString(6, job.requestId().toString());
                ps.setString(7, job.owner());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Makes every job leased to {@code owner} runnable at once. Called when a node starts: leases
     * it still holds belong to an earlier process of the same node that died (one data directory
     * is open in one process only), so waiting for them to expire would only delay the resume.
     */
    int releaseAll(String owner) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE pin_jobs SET run_at = ?, updated_at = ? "
                    + "WHERE state = 'running' AND lease_owner = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setString(3, owner);
                return ps.executeUpdate();
            }
        });
    }

    long now() {
        return clock.millis();
    }

    private static List<String> origins(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pin_jobs.origins is not a JSON array of strings: " + json, e);
        }
    }
}
