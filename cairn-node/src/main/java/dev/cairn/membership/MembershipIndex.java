package dev.cairn.membership;

import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multihash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The membership rows of migration V8: which blocks belong to the DAG of each root that some visible
 * pin request holds in status {@code pinned}.
 *
 * <p>Design notes:
 * <ul>
 *   <li><b>Same transaction as the status.</b> The pin repository calls {@link #pinned} in the
 *       transaction that turns a request pinned and {@link #released} in the one that deletes,
 *       replaces or fails it, so a crash never leaves a readable block of an unpinned DAG, nor a
 *       pinned DAG whose blocks the gateway refuses.
 *   <li><b>Once per root.</b> A root already recorded is not walked again: a million pins of one
 *       CID cost one walk and one set of rows; the rows go when the last of them goes.
 *   <li><b>Backlog.</b> A request turned pinned by a caller that cannot name the DAG (and every root
 *       pinned before V8) is listed in {@code pinned_dags_backlog}; {@link #backfill} walks those
 *       over the store later. Meanwhile the root itself stays readable through the pins table.
 *   <li><b>Checks are one probe.</b> "Anyone" is a lookup in {@code pinned_blocks_by_block};
 *       "this account" follows the roots holding the block to the account's pins index. Known
 *       cost: a block held by very many roots (an empty file's block in a million DAGs) costs one
 *       probe per root when the account holds none of them; a per-account table would avoid it at
 *       the price of rows per account and block.
 *   <li><b>Two CIDs, one multihash.</b> Rows are keyed by multihash (as the block index is); a
 *       raw-codec pin and a dag-pb pin of the same bytes share the root's rows, which are the union
 *       of both walks until the last pin of that multihash goes.
 * </ul>
 */
public final class MembershipIndex {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipIndex.class);
    private static final int BACKFILL_PAGE = 100;
    /** Literal, not a parameter, so SQLite can use the partial index pins_pinned_by_multihash (V7). */
    private static final String PINNED = " status = 'pinned' AND deleted_at IS NULL";

    /** Parameters: block, account, account, block. Package-visible for the query-plan test. */
    static final String ACCOUNT_CHECK = "SELECT EXISTS (SELECT 1 FROM pinned_blocks b WHERE b.block = ?"
            + " AND EXISTS (SELECT 1 FROM pins p WHERE p.account_id = ? AND p.multihash = b.root"
            + " AND p.status = 'pinned' AND p.deleted_at IS NULL))"
            + " OR EXISTS (SELECT 1 FROM pins WHERE account_id = ? AND multihash = ? AND" + PINNED + ")";
    /** Parameters: block, block. */
    static final String ANYONE_CHECK = "SELECT EXISTS (SELECT 1 FROM pinned_blocks WHERE block = ?)"
            + " OR EXISTS (SELECT 1 FROM pins WHERE multihash = ? AND" + PINNED + ")";

    /**
     * How long a "readable" answer of {@link #readableByAnyone} is reused. Why: in the default
     * gateway mode every request asks, and the query was half the cost of serving a small file
     * (bench/gateway.sh, MODE=pinned: 0.47x nginx). Bounded staleness: a release in this process
     * drops every reused answer at once ({@link #RELEASES}); one racing with it, or a change made
     * by another process, is seen within this time.
     */
    static final long REUSE_MILLIS = 1_000;
    /** Answers kept at most; all are dropped when full (no LRU bookkeeping on the hot path). */
    private static final int REUSE_MAX = 100_000;
    /** Bumped by every {@link #released} in this process, whichever instance saw it. */
    private static final AtomicLong RELEASES = new AtomicLong();

    /** A positive answer, valid while no release happened and until {@code untilMillis}. */
    private record Readable(long releases, long untilMillis) {
    }

    private final Database db;
    private final InstantSource clock;
    private final Map<Multihash, Readable> readable = new ConcurrentHashMap<>();

    public MembershipIndex(Database db, InstantSource clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the DAG of {@code root}, in {@code tx} where a request of it just turned pinned,
     * unless this root is already recorded. When {@code members} is null or cannot name the DAG
     * (a block it must read is missing), the root goes to the backlog instead: the status change
     * must not fail for want of membership.
     */
    public void pinned(Connection tx, Cid root, DagMembers members) throws SQLException {
        if (root.isIdentity() || recorded(tx, root)) {
            return;
        }
        if (members == null) {
            toBacklog(tx, root);
            return;
        }
        Set<Multihash> blocks;
        try {
            blocks = members.of(root);
        } catch (BlockNotFoundException e) {
            LOG.warn("pinned DAG {} is not complete where membership looked ({}); left for the backfill",
                    root, e.getMessage());
            toBacklog(tx, root);
            return;
        }
        insert(tx, root, blocks);
    }

    /**
     * In {@code tx}, where a request of {@code root} was just deleted, replaced or failed: drops the
     * root's rows when no visible request of it is pinned any more.
     */
    public void released(Connection tx, Multihash root) throws SQLException {
        RELEASES.incrementAndGet(); // before the rows go: no reused answer outlives them
        if (stillPinned(tx, root)) {
            return;
        }
        for (String table : List.of("pinned_blocks", "pinned_dags")) {
            try (PreparedStatement ps = tx.prepareStatement("DELETE FROM " + table + " WHERE root = ?")) {
                ps.setBytes(1, root.bytes());
                ps.executeUpdate();
            }
        }
    }

    /**
     * True when {@code cid}'s block belongs to a pinned DAG, or is itself a pinned root. A "yes" is
     * reused for up to {@link #REUSE_MILLIS} unless a release happens first; a "no" never is, so
     * new pins are readable at once.
     */
    public boolean readableByAnyone(Cid cid) {
        Multihash multihash = cid.multihash();
        long releases = RELEASES.get();
        long now = clock.millis();
        Readable seen = readable.get(multihash);
        if (seen != null && seen.releases() == releases && now < seen.untilMillis()) {
            return true;
        }
        byte[] mh = multihash.bytes();
        boolean yes = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ANYONE_CHECK)) {
                ps.setBytes(1, mh);
                ps.setBytes(2, mh);
                return answer(ps);
            }
        });
        if (yes) {
            if (readable.size() >= REUSE_MAX) {
                readable.clear();
            }
            readable.put(multihash, new Readable(releases, now + REUSE_MILLIS));
        } else {
            readable.remove(multihash);
        }
        return yes;
    }

    /**
     * True when {@code cid}'s block belongs to a DAG account {@code accountId} pins, or is such a root.
     * Written as a correlated EXISTS so that SQLite starts from the block (the few roots holding it)
     * and probes the account's pins per root; as a plain join it may start from the account's pins
     * instead, one probe per pin (measured: seconds per request for an account of 30,000 pins).
     */
    public boolean readableBy(long accountId, Cid cid) {
        byte[] mh = cid.multihash().bytes();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ACCOUNT_CHECK)) {
                ps.setBytes(1, mh);
                ps.setLong(2, accountId);
                ps.setLong(3, accountId);
                ps.setBytes(4, mh);
                return answer(ps);
            }
        });
    }

    /** Roots waiting for the backfill. */
    public long backlog() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pinned_dags_backlog");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Works through the backlog: each root still pinned and not recorded is walked over
     * {@code store} (outside any transaction: the walk reads the whole DAG) and recorded in a
     * transaction of its own, which checks again that it is still pinned (a delete may have come
     * in between). A root whose DAG is incomplete stays in the backlog (logged). Returns the roots
     * recorded.
     */
    public int backfill(DagMembers store) {
        return backfill(store, () -> false);
    }

    /** As {@link #backfill(DagMembers)}, returning early (between roots) once {@code stopping} says so. */
    public int backfill(DagMembers store, BooleanSupplier stopping) {
        int recorded = 0;
        byte[] after = new byte[0];
        while (true) {
            List<byte[]> page = backlogPage(after);
            if (page.isEmpty()) {
                return recorded;
            }
            for (byte[] bytes : page) {
                if (stopping.getAsBoolean()) {
                    return recorded;
                }
                after = bytes;
                Cid root = Cid.fromBytes(bytes);
                boolean wanted = db.read(c -> !recorded(c, root) && stillPinned(c, root.multihash()));
                Set<Multihash> blocks = null;
                if (wanted) {
                    try {
                        blocks = store.of(root);
                    } catch (BlockNotFoundException e) {
                        LOG.warn("pinned DAG {} is not complete in the store ({}); its inner blocks stay"
                                + " unreadable through the gateway until it is", root, e.getMessage());
                        continue;
                    }
                }
                Set<Multihash> walked = blocks;
                recorded += db.transaction(c -> {
                    int done = 0;
                    if (walked != null && !recorded(c, root) && stillPinned(c, root.multihash())) {
                        insert(c, root, walked);
                        done = 1;
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM pinned_dags_backlog WHERE cid = ?")) {
                        ps.setBytes(1, bytes);
                        ps.executeUpdate();
                    }
                    return done;
                });
            }
        }
    }

    private List<byte[]> backlogPage(byte[] after) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cid FROM pinned_dags_backlog WHERE cid > ? ORDER BY cid LIMIT " + BACKFILL_PAGE)) {
                ps.setBytes(1, after);
                List<byte[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
                return out;
            }
        });
    }

    private void insert(Connection tx, Cid root, Set<Multihash> blocks) throws SQLException {
        byte[] mh = root.multihash().bytes();
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO pinned_blocks (root, block) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Multihash block : blocks) {
                ps.setBytes(1, mh);
                ps.setBytes(2, block.bytes());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO pinned_dags (root, codec, blocks, indexed_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setBytes(1, mh);
            ps.setLong(2, root.codec());
            ps.setLong(3, blocks.size());
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
    }

    private void toBacklog(Connection tx, Cid root) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO pinned_dags_backlog (cid, queued_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setBytes(1, root.bytes());
            ps.setLong(2, clock.millis());
            ps.executeUpdate();
        }
    }

    private static boolean recorded(Connection c, Cid root) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pinned_dags WHERE root = ? AND codec = ?")) {
            ps.setBytes(1, root.multihash().bytes());
            ps.setLong(2, root.codec());
            return answer(ps);
        }
    }

    private static boolean stillPinned(Connection c, Multihash root) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pins WHERE multihash = ? AND" + PINNED + " LIMIT 1")) {
            ps.setBytes(1, root.bytes());
            return answer(ps);
        }
    }

    /** True when the query's first row is there and (for an EXISTS answer) true. */
    private static boolean answer(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
