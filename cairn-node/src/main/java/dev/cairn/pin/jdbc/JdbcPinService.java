package dev.cairn.pin.jdbc;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.db.TransactionWork;
import dev.cairn.membership.DagMembers;
import dev.cairn.membership.MembershipIndex;
import dev.cairn.multiformats.Multihash;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinLifecycle;
import dev.cairn.pin.PinNotFoundException;
import dev.cairn.pin.PinPage;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinService;
import dev.cairn.pin.PinStatus;
import dev.cairn.pin.job.JobQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Pin requests in the {@code pins} table (migration V3).
 *
 * <p>Design notes:
 * <ul>
 *   <li><b>Unique {@code created}.</b> A new request gets {@code max(now, newest created of the
 *       account + 1 ms)}, inside the write transaction, so {@code created} is unique and increasing
 *       per account even in bursts or when the clock steps back; PSA pagination by
 *       {@code before=<created>} depends on it. SQLite has one writer, so the read-then-insert cannot
 *       race; on PostgreSQL two writers could pick the same value and one would hit the
 *       {@code UNIQUE (account_id, created)} constraint and must retry.
 *   <li><b>Soft delete.</b> Delete and replace set {@code deleted_at}, which removes the row from
 *       every answer at once (every query says {@code deleted_at IS NULL}); the job is cancelled in
 *       the same transaction. Rows stay as tombstones so that job rows referring to them stay valid,
 *       until GC purges old ones ({@link #purgeDeletedBefore}).
 *   <li><b>Replace keeps the old DAG live.</b> The replaced row gets {@code replaced_by = <new id>}
 *       (unless it had failed: nothing to protect). GC treats such rows as live roots. When the new
 *       request settles ({@link #pinned}, {@link #failed}) or is deleted, its predecessors'
 *       {@code replaced_by} is cleared; when it is itself replaced, they are re-pointed to the
 *       newest request, so a chain of replaces protects every old DAG until the last one settles.
 *   <li><b>Lifecycle calls for hidden rows are no-ops</b>, so a worker that finishes a job after its
 *       request was deleted never brings the request back.
 *   <li><b>Membership follows the status</b> ({@link MembershipIndex}): the transaction that turns a
 *       request pinned records its root's DAG (once per root), and the one that deletes, replaces
 *       or fails it drops the rows if no pinned request of that root remains.
 * </ul>
 */
public final class JdbcPinService implements PinService, PinLifecycle {
    private static final String VISIBLE = " AND deleted_at IS NULL";
    private static final int PURGE_BATCH = 500;

    private final Database db;
    private final JobQueue jobs;
    private final InstantSource clock;
    private final MembershipIndex membership;

    public JdbcPinService(Database db, JobQueue jobs, InstantSource clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.membership = new MembershipIndex(db, clock);
    }

    /** Which blocks belong to the DAGs of pinned requests (what the gateway asks). */
    public MembershipIndex membership() {
        return membership;
    }

    @Override
    public PinRecord add(long accountId, Pin pin) {
        Objects.requireNonNull(pin, "pin");
        return db.transaction(c -> insert(c, accountId, pin));
    }

    @Override
    public Optional<PinRecord> get(long accountId, UUID requestId) {
        return db.read(c -> find(c, accountId, requestId));
    }

    @Override
    public PinPage list(long accountId, PinQuery query) {
        PinListingSql sql = new PinListingSql(accountId, query);
        return db.read(c -> {
            // One read transaction, so count and page come from the same snapshot. A plain BEGIN
            // (deferred): the driver's setAutoCommit(false) would BEGIN IMMEDIATE, a write lock.
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN");
            }
            try {
                long count;
                try (PreparedStatement ps = sql.count(c); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                }
                List<PinRecord> results = new ArrayList<>();
                try (PreparedStatement ps = sql.page(c, query.limit()); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        results.add(PinRows.record(rs));
                    }
                }
                return new PinPage(count, results);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("COMMIT");
                }
            }
        });
    }

    @Override
    public PinRecord replace(long accountId, UUID requestId, Pin pin) {
        Objects.requireNonNull(pin, "pin");
        return db.transaction(c -> {
            PinRecord old = find(c, accountId, requestId).orElseThrow(() -> new PinNotFoundException(requestId));
            PinRecord fresh = insert(c, accountId, pin);
            String next = fresh.requestId().toString();
            // A failed request has no DAG worth protecting; anything else stays live until `fresh` settles.
            update(c, "UPDATE pins SET deleted_at = ?, replaced_by = ? WHERE request_id = ?",
                    clock.millis(), old.status() == PinStatus.FAILED ? null : next, requestId.toString());
            update(c, "UPDATE pins SET replaced_by = ? WHERE replaced_by = ?", next, requestId.toString());
            update(c, "DELETE FROM pin_meta WHERE request_id = ?", requestId.toString());
            jobs.cancel(c, requestId);
            membership.released(c, old.pin().cid().multihash());
            return fresh;
        });
    }

    @Override
    public void delete(long accountId, UUID requestId) {
        db.transaction(c -> {
            PinRecord old = find(c, accountId, requestId).orElseThrow(() -> new PinNotFoundException(requestId));
            update(c, "UPDATE pins SET deleted_at = ? WHERE request_id = ?", clock.millis(), requestId.toString());
            settle(c, requestId);
            update(c, "DELETE FROM pin_meta WHERE request_id = ?", requestId.toString());
            jobs.cancel(c, requestId);
            membership.released(c, old.pin().cid().multihash());
            return null;
        });
    }

    @Override
    public void pinning(UUID requestId, Map<String, String> info) {
        db.transaction(c -> update(c, "UPDATE pins SET status = 'pinning', info = ?, updated_at = ?"
                        + " WHERE request_id = ?" + VISIBLE + " AND status IN ('queued', 'pinning')",
                PinJson.map(info), clock.millis(), requestId.toString()));
    }

    /** As {@link #pinned(UUID, Map, DagMembers)} without the DAG: its membership goes to the backlog. */
    @Override
    public TransactionWork pinned(UUID requestId, Map<String, String> info) {
        return pinned(requestId, info, null);
    }

    @Override
    public TransactionWork pinned(UUID requestId, Map<String, String> info, DagMembers members) {
        String infoJson = PinJson.map(info);
        return c -> {
            int changed = update(c, "UPDATE pins SET status = 'pinned', info = ?, updated_at = ?"
                    + " WHERE request_id = ?" + VISIBLE, infoJson, clock.millis(), requestId.toString());
            if (changed > 0) {
                settle(c, requestId);
                Optional<Cid> root = rootOf(c, requestId);
                if (root.isPresent()) {
                    membership.pinned(c, root.get(), members);
                }
            }
        };
    }

    @Override
    public void failed(UUID requestId, String reason) {
        Objects.requireNonNull(reason, "reason");
        db.transaction(c -> {
            Map<String, String> info = new HashMap<>();
            Multihash root;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT info, multihash FROM pins WHERE request_id = ?" + VISIBLE)) {
                ps.setString(1, requestId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    info.putAll(PinJson.readMap(rs.getString(1)));
                    root = Multihash.fromBytes(rs.getBytes(2));
                }
            }
            info.put("status_details", reason);
            update(c, "UPDATE pins SET status = 'failed', info = ?, updated_at = ? WHERE request_id = ?",
                    PinJson.map(info), clock.millis(), requestId.toString());
            settle(c, requestId);
            membership.released(c, root);
            return null;
        });
    }

    /**
     * Visits the root CID of every request whose DAG GC must keep: visible requests that have not
     * failed (queued and pinning included: their blocks arrive while GC runs), and replaced
     * requests whose successor has not settled yet.
     */
    public void forEachLiveRoot(Consumer<? super Cid> visitor) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cid FROM pins WHERE"
                    + " (deleted_at IS NULL AND status <> 'failed') OR replaced_by IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visitor.accept(Cid.fromBytes(rs.getBytes(1)));
                }
            }
            return null;
        });
    }

    /**
     * Deletes the tombstones of requests deleted or replaced at or before {@code cutoff}, with
     * their job rows, in batches; returns how many. Kept: tombstones a replace still protects
     * ({@code replaced_by} set: a live root for GC), and the newest request of each account, whose
     * {@code created} keeps new requests' {@code created} increasing even if the clock steps back.
     * Counts stay exact: {@code pin_counts} only counts visible rows (V6 triggers ignore tombstones).
     */
    public long purgeDeletedBefore(Instant cutoff) {
        long total = 0;
        while (true) {
            int purged = db.transaction(c -> {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT request_id FROM pins WHERE"
                        + " deleted_at IS NOT NULL AND deleted_at <= ? AND replaced_by IS NULL"
                        + " AND created < (SELECT MAX(newest.created) FROM pins newest"
                        + " WHERE newest.account_id = pins.account_id) LIMIT " + PURGE_BATCH)) {
                    ps.setLong(1, cutoff.toEpochMilli());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                for (String id : ids) {
                    jobs.forget(c, UUID.fromString(id));
                    update(c, "DELETE FROM pin_meta WHERE request_id = ?", id); // none left since the delete
                    update(c, "DELETE FROM pins WHERE request_id = ?", id);
                }
                return ids.size();
            });
            total += purged;
            if (purged < PURGE_BATCH) {
                return total;
            }
        }
    }

    /**
     * Records an already complete pin (an upload whose blocks commit in the same transaction
     * {@code tx}): status {@code pinned} at once, no job. Used as the commit hook of an ingest, so
     * content is never stored unpinned (GC would reclaim it) nor pinned without its blocks.
     */
    public PinRecord insertPinned(Connection tx, long accountId, Pin pin, Map<String, String> info)
            throws SQLException {
        return insertPinned(tx, accountId, pin, info, null);
    }

    /**
     * As {@link #insertPinned(Connection, long, Pin, Map)}, recording the DAG's membership from
     * {@code members} in the same transaction (null: to the backlog).
     */
    public PinRecord insertPinned(Connection tx, long accountId, Pin pin, Map<String, String> info,
                                  DagMembers members) throws SQLException {
        PinRecord record = insert(tx, accountId, pin, PinStatus.PINNED, info);
        membership.pinned(tx, pin.cid(), members);
        return record;
    }

    private PinRecord insert(Connection c, long accountId, Pin pin) throws SQLException {
        return insert(c, accountId, pin, PinStatus.QUEUED, Map.of());
    }

    private PinRecord insert(Connection c, long accountId, Pin pin, PinStatus status, Map<String, String> info)
            throws SQLException {
        UUID id = UUID.randomUUID();
        long now = clock.millis();
        long created = Math.max(now, newestCreated(c, accountId) + 1);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pins (request_id, account_id, cid_text, cid,"
                + " multihash, name, name_folded, origins, meta, status, created, updated_at, info)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id.toString());
            ps.setLong(2, accountId);
            ps.setString(3, pin.cidText());
            ps.setBytes(4, pin.cid().bytes());
            ps.setBytes(5, pin.cid().multihash().bytes());
            ps.setString(6, pin.name());
            ps.setString(7, PinListingSql.fold(pin.name()));
            ps.setString(8, PinJson.list(pin.origins()));
            ps.setString(9, PinJson.map(pin.meta()));
            ps.setString(10, status.wire());
            ps.setLong(11, created);
            ps.setLong(12, now);
            ps.setString(13, PinJson.map(info));
            ps.executeUpdate();
        }
        if (!pin.meta().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO pin_meta (request_id, meta_key, meta_value) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : pin.meta().entrySet()) {
                    ps.setString(1, id.toString());
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (status == PinStatus.QUEUED) {
            jobs.enqueue(c, id, accountId, pin.cid(), pin.origins());
        }
        return new PinRecord(id, accountId, pin, status, Instant.ofEpochMilli(created), info);
    }

    private static long newestCreated(Connection c, long accountId) throws SQLException {
        // Tombstones count too: a deleted request's created is never reused.
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(created) FROM pins WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? Long.MIN_VALUE + 1 : max;
            }
        }
    }

    private static Optional<PinRecord> find(Connection c, long accountId, UUID requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PinListingSql.COLUMNS
                + " FROM pins WHERE request_id = ? AND account_id = ?" + VISIBLE)) {
            ps.setString(1, requestId.toString());
            ps.setLong(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(PinRows.record(rs)) : Optional.empty();
            }
        }
    }

    private static Optional<Cid> rootOf(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cid FROM pins WHERE request_id = ?")) {
            ps.setString(1, requestId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Cid.fromBytes(rs.getBytes(1))) : Optional.empty();
            }
        }
    }

    /** The request settled or left: whatever it replaced need not be kept live any more. */
    private static void settle(Connection c, UUID requestId) throws SQLException {
        update(c, "UPDATE pins SET replaced_by = NULL WHERE replaced_by = ?", requestId.toString());
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
