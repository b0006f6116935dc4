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

    PinListingSql(long accountId, PinQuery q) {
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

    PreparedStatement count(Connection c) throws SQLException {
        return bind(c.prepareStatement(countSql()));
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
