package dev.cairn.quota;

import dev.cairn.account.UnknownAccountException;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.CodecException;
import dev.cairn.store.BlockStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link StorageQuotas} over the tables of migration V9 and the pins of V3. Usage is one indexed
 * query per account (its distinct pinned roots joined with their measured sizes); a root not
 * measured yet is walked once in the store and its size recorded, so the cost of measuring a DAG
 * is paid once per root for the life of the node.
 */
final class JdbcStorageQuotas implements StorageQuotas {
    private static final String ROOTS = "SELECT r.cid, d.bytes FROM (SELECT DISTINCT cid FROM pins"
            + " WHERE account_id = ? AND deleted_at IS NULL AND status = 'pinned') r"
            + " LEFT JOIN dag_sizes d ON d.cid = r.cid";

    private final Database db;
    private final BlockStore store;

    JdbcStorageQuotas(Database db, BlockStore storeOrNull) {
        this.db = db;
        this.store = storeOrNull;
    }

    private record Account(long id, String name, OptionalLong quota) {}

    private record Roots(long measuredBytes, List<byte[]> unmeasured) {}

    @Override
    public OptionalLong quota(long accountId) {
        return account(accountId).quota();
    }

    @Override
    public Usage usage(long accountId) {
        return usage(account(accountId));
    }

    private Account account(long accountId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, quota_bytes FROM accounts WHERE id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no account has id " + accountId);
                    }
                    return account(rs);
                }
            }
        });
    }

    @Override
    public List<Usage> all() {
        List<Account> accounts = db.read(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, quota_bytes FROM accounts ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        });
        return accounts.stream().map(this::usage).toList();
    }

    private static Account account(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String name = rs.getString(2);
        long quota = rs.getLong(3);
        return new Account(id, name, rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(quota));
    }

    private Usage usage(Account account) {
        Roots roots = db.read(c -> roots(c, account.id()));
        long used = roots.measuredBytes();
        long unmeasured = 0;
        for (byte[] cid : roots.unmeasured()) {
            OptionalLong size = measure(cid);
            if (size.isPresent()) {
                used += size.getAsLong();
            } else {
                unmeasured++;
            }
        }
        return new Usage(account.id(), account.name(), used, account.quota(), unmeasured);
    }

    private static Roots roots(Connection c, long accountId) throws SQLException {
        long bytes = 0;
        List<byte[]> unmeasured = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROOTS)) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long size = rs.getLong(2);
                    if (rs.wasNull()) {
                        unmeasured.add(rs.getBytes(1));
                    } else {
                        bytes += size;
                    }
                }
            }
        }
        return new Roots(bytes, unmeasured);
    }

    @Override
    public void measure(java.util.Collection<Cid> roots) {
        for (Cid root : roots) {
            if (root.isIdentity()) {
                continue;
            }
            boolean known = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dag_sizes WHERE cid = ?")) {
                    ps.setBytes(1, root.bytes());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
            if (!known) {
                measure(root.bytes());
            }
        }
    }

    /** Walks and records the DAG size of one root; empty without a store or when the DAG is not whole. */
    private OptionalLong measure(byte[] cidBytes) {
        if (store == null) {
            return OptionalLong.empty();
        }
        DagSize size;
        try {
            size = DagSize.measure(store, Cid.fromBytes(cidBytes));
        } catch (BlockNotFoundException | CodecException e) {
            // a pinned DAG is whole unless GC raced an unpin; measured again next time
            return OptionalLong.empty();
        }
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dag_sizes (cid, bytes, blocks) VALUES (?, ?, ?) ON CONFLICT (cid) DO NOTHING")) {
                ps.setBytes(1, cidBytes);
                ps.setLong(2, size.bytes());
                ps.setLong(3, size.blocks());
                return ps.executeUpdate();
            }
        });
        return OptionalLong.of(size.bytes());
    }

    @Override
    public void setQuota(String account, OptionalLong quotaBytes) {
        if (quotaBytes.isPresent() && quotaBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("a quota must be >= 0 bytes, got " + quotaBytes.getAsLong());
        }
        int updated = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET quota_bytes = ? WHERE name = ?")) {
                if (quotaBytes.isPresent()) {
                    ps.setLong(1, quotaBytes.getAsLong());
                } else {
                    ps.setNull(1, Types.BIGINT);
                }
                ps.setString(2, account);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new UnknownAccountException(account);
        }
    }
}
