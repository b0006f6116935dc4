package dev.cairn.pin.jdbc;

import dev.cairn.cid.Cid;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WHERE clause of one listing, shared by its page query and its count query so that
 * {@code count} is exact over the very same filters (before/after included: Kubo pages until
 * {@code count == results.length}).
 *
 * <p>Every condition starts from {@code account_id = ? AND deleted_at IS NULL}, which is what lets
 * SQLite use the partial indexes of V3. Name matching: exact and iexact compare whole values;
 * partial and ipartial use {@code instr} (SQLite; PostgreSQL spells it {@code strpos}), not
 * {@code LIKE}, because SQLite's LIKE ignores ASCII case and would need escaping of % and _.
 * The case-insensitive modes compare {@code name_folded}, lower-cased in Java for all of Unicode.
 */
final class PinListingSql {
    static final String COLUMNS = "request_id, account_id, cid_text, cid, name, origins, meta, status, created, info";

    private final StringBuilder where = new StringBuilder("account_id = ? AND deleted_at IS NULL");
    private final List<Object> params = new ArrayList<>();

    /** Only status and time filters: the count can come from {@code pin_counts} (V6). */
    private final boolean countable;
    private final long accountId;
    private final List<String> statuses = new ArrayList<>();
    private final Long beforeMs;
    private final Long afterMs;

    PinListingSql(long accountId, PinQuery q) {
        this.accountId = accountId;
        this.countable = q.cids().isEmpty() && q.name() == null && q.meta().isEmpty();
        this.beforeMs = q.before() == null ? null : ceilMillis(q.before());
        this.afterMs = q.after() == null ? null : q.after().toEpochMilli();
        params.add(accountId);
        if (!q.cids().isEmpty()) {
            where.append(" AND multihash IN (").append(marks(q.cids().size())).append(')');
            for (Cid cid : q.cids()) {
                params.add(cid.multihash().bytes());
            }
        }
        if (q.name() != null) {
            String folded = fold(q.name());
            switch (q.match()) {
                case EXACT -> condition(" AND name = ?", q.name());
                case IEXACT -> condition(" AND name_folded = ?", folded);
                case PARTIAL -> condition(" AND instr(name, ?) > 0", q.name());
                case IPARTIAL -> condition(" AND instr(name_folded, ?) > 0", folded);
            }
        }
        if (!q.statuses().isEmpty() && q.statuses().size() < PinStatus.values().length) {
            where.append(" AND status IN (").append(marks(q.statuses().size())).append(')');
            q.statuses().stream().map(PinStatus::wire).sorted().forEach(params::add);
            q.statuses().stream().map(PinStatus::wire).sorted().forEach(statuses::add);
        }
        if (q.before() != null) {
            // created (whole ms) < before  <=>  created < before rounded up to the next whole ms
            condition(" AND created < ?", ceilMillis(q.before()));
        }
        if (q.after() != null) {
            // created > after  <=>  created > after truncated to whole ms (toEpochMilli floors)
            condition(" AND created > ?", q.after().toEpochMilli());
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(q.meta()).entrySet()) {
            where.append(" AND EXISTS (SELECT 1 FROM pin_meta m WHERE m.request_id = pins.request_id"
                    + " AND m.meta_key = ? AND m.meta_value = ?)");
            params.add(e.getKey());
            params.add(e.getValue());
        }
    }

    /** Lower-cases for the case-insensitive name modes; the same fold is stored in name_folded. */
    static String fold(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    static long ceilMillis(Instant t) {
        long ms = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }

    String pageSql() {
        return "SELECT " + COLUMNS + " FROM pins WHERE " + where + " ORDER BY created DESC LIMIT ?";
    }

    String countSql() {
        return "SELECT COUNT(*) FROM pins WHERE " + where;
    }

    PreparedStatement page(Connection c, int limit) throws SQLException {
        PreparedStatement ps = bind(c.prepareStatement(pageSql()));
        ps.setInt(params.size() + 1, limit);
        return ps;
    }

    /**
     * The exact count. With only status filters it is read from the trigger-kept
     * {@code pin_counts}; with {@code before} as well (how clients page), it is that total minus
     * the rows at or after {@code before}, which are the few pages already seen. Everything else
     * counts the matching rows.
     */
    PreparedStatement count(Connection c) throws SQLException {
        if (!countable || afterMs != null) {
            return bind(c.prepareStatement(countSql()));
        }
        String statusIn = statuses.isEmpty() ? "" : " AND status IN (" + marks(statuses.size()) + ")";
        String total = "SELECT COALESCE(SUM(n), 0) FROM pin_counts WHERE account_id = ?" + statusIn;
        if (beforeMs == null) {
            PreparedStatement ps = c.prepareStatement(total);
            bindTotal(ps, 1);
            return ps;
        }
        PreparedStatement ps = c.prepareStatement("SELECT (" + total + ") - (SELECT COUNT(*) FROM pins"
                + " WHERE account_id = ? AND deleted_at IS NULL" + statusIn + " AND created >= ?)");
        int next = bindTotal(ps, 1);
        next = bindTotal(ps, next);
        ps.setLong(next, beforeMs);
        return ps;
    }

    private int bindTotal(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        ps.setLong(i++, accountId);
        for (String st : statuses) {
            ps.setString(i++, st);
        }
        return i;
    }

    /** Binds the filter parameters to a statement whose text starts with this clause's {@code ?}s. */
    PreparedStatement bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private void condition(String sql, Object param) {
        where.append(sql);
        params.add(param);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
