package dev.cairn.store.pack;

import dev.cairn.db.Database;
import dev.cairn.db.TransactionWork;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.StoreStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL side of the pack store: tables {@code packs} and {@code blocks} (V1__block_index.sql). */
final class PackIndex {
    /** Where a block's bytes are. */
    record Location(long pack, long offset, int size, long codec) {}

    /** A pack file finished by a writer, about to be committed. */
    record PackRow(long id, long size, long blocks) {}

    /** One block a writer appended. */
    record Entry(Multihash multihash, long pack, long offset, int size, long codec) {}

    private final Database db;

    PackIndex(Database db) {
        this.db = db;
    }

    Optional<Location> find(Multihash mh) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pack_id, block_offset, block_size, codec FROM blocks WHERE multihash = ?")) {
                ps.setBytes(1, mh.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Location(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Inserts the packs and their blocks, then {@code extra}, in one transaction. A block another
     * writer committed meanwhile keeps its first location ({@code DO NOTHING}); the live counters
     * are computed from the rows that actually point into each pack.
     */
    void commit(List<PackRow> packs, List<Entry> entries, TransactionWork extra) {
        long now = System.currentTimeMillis();
        db.transaction(c -> {
            insertPacks(c, packs, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO blocks (multihash, pack_id, "
                    + "block_offset, block_size, codec, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (multihash) DO NOTHING")) {
                int batched = 0;
                for (Entry e : entries) {
                    ps.setBytes(1, e.multihash().bytes());
                    ps.setLong(2, e.pack());
                    ps.setLong(3, e.offset());
                    ps.setInt(4, e.size());
                    ps.setLong(5, e.codec());
                    ps.setLong(6, now);
                    ps.addBatch();
                    if (++batched % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE packs SET "
                    + "live_blocks = (SELECT COUNT(*) FROM blocks WHERE pack_id = ?), "
                    + "live_bytes = (SELECT COALESCE(SUM(block_size), 0) FROM blocks WHERE pack_id = ?) "
                    + "WHERE id = ?")) {
                for (PackRow p : packs) {
                    ps.setLong(1, p.id());
                    ps.setLong(2, p.id());
                    ps.setLong(3, p.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            extra.run(c);
            return null;
        });
    }

    /** What a delete did: index rows removed, and packs left with no live block (their rows are gone too). */
    record Deleted(long blocks, List<Long> emptiedPacks) {}

    /**
     * Removes the blocks' rows and, in the same transaction, the rows of packs no live block is
     * left in: the caller then deletes those files (a crash before that leaves files no row
     * names, which recovery deletes at the next open).
     */
    Deleted delete(Collection<Multihash> multihashes) {
        return db.transaction(c -> {
            Map<Long, long[]> freed = new HashMap<>();
            long removed = 0;
            try (PreparedStatement find = c.prepareStatement(
                            "SELECT pack_id, block_size FROM blocks WHERE multihash = ?");
                    PreparedStatement del = c.prepareStatement("DELETE FROM blocks WHERE multihash = ?")) {
                for (Multihash mh : multihashes) {
                    find.setBytes(1, mh.bytes());
                    try (ResultSet rs = find.executeQuery()) {
                        if (!rs.next()) {
                            continue;
                        }
                        long[] f = freed.computeIfAbsent(rs.getLong(1), k -> new long[2]);
                        f[0]++;
                        f[1] += rs.getInt(2);
                    }
                    del.setBytes(1, mh.bytes());
                    removed += del.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE packs SET live_blocks = live_blocks - ?, live_bytes = live_bytes - ? WHERE id = ?")) {
                for (var e : freed.entrySet()) {
                    ps.setLong(1, e.getValue()[0]);
                    ps.setLong(2, e.getValue()[1]);
                    ps.setLong(3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<Long> emptied = new ArrayList<>();
            try (PreparedStatement live = c.prepareStatement("SELECT live_blocks FROM packs WHERE id = ?");
                    PreparedStatement drop = c.prepareStatement("DELETE FROM packs WHERE id = ?")) {
                for (long pack : freed.keySet()) {
                    live.setLong(1, pack);
                    try (ResultSet rs = live.executeQuery()) {
                        if (rs.next() && rs.getLong(1) <= 0) {
                            emptied.add(pack);
                        }
                    }
                }
                for (long pack : emptied) {
                    drop.setLong(1, pack);
                    drop.executeUpdate();
                }
            }
            return new Deleted(removed, emptied);
        });
    }

    /** A committed pack worth compacting: its file size and what of it is still referenced. */
    record Candidate(long id, long size, long liveBlocks, long liveBytes) {}

    /** One block compaction copied: its row moves from {@code from} to {@code to} at {@code offset}. */
    record Move(Multihash multihash, long from, long to, long offset) {}

    /** What a relocation committed: rows switched, and packs left with no live block (rows gone). */
    record Relocated(long moved, List<Long> emptiedPacks) {}

    /**
     * Packs with at least one deleted block whose live block bytes are below {@code liveBelow} of
     * the file size, fewest live bytes first. Packs whose blocks are all live are never candidates
     * (a pack of tiny blocks is mostly CID and framing, so its byte share alone says nothing).
     */
    List<Candidate> compactable(double liveBelow) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, size, live_blocks, live_bytes FROM packs "
                    + "WHERE live_blocks > 0 AND live_blocks < block_count AND live_bytes < ? * size "
                    + "ORDER BY live_bytes, id")) {
                ps.setDouble(1, liveBelow);
                List<Candidate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    /** The blocks whose rows point into {@code pack}, in file order. */
    List<Entry> live(long pack) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT multihash, block_offset, block_size, codec "
                    + "FROM blocks WHERE pack_id = ? ORDER BY block_offset")) {
                ps.setLong(1, pack);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(Multihash.fromBytes(rs.getBytes(1)), pack, rs.getLong(2), rs.getInt(3),
                                rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    /** Pack rows start with no live block: the counters are computed from the block rows after. */
    private static void insertPacks(Connection c, List<PackRow> packs, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO packs (id, size, block_count, "
                + "live_blocks, live_bytes, created_at) VALUES (?, ?, ?, 0, 0, ?)")) {
            for (PackRow p : packs) {
                ps.setLong(1, p.id());
                ps.setLong(2, p.size());
                ps.setLong(3, p.blocks());
                ps.setLong(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Compaction's commit, one transaction: inserts the new packs' rows, switches every moved
     * block's row to its copy (only if it still points at the pack it was copied from: a block
     * deleted meanwhile stays deleted, its copy is dead weight), recounts the live blocks of the
     * old and new packs from the rows, and deletes the rows of packs left with no live block. The
     * caller deletes those files after the commit.
     */
    Relocated relocate(List<PackRow> written, List<Move> moves, Collection<Long> sources) {
        long now = System.currentTimeMillis();
        return db.transaction(c -> {
            insertPacks(c, written, now);
            long moved = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE blocks SET pack_id = ?, block_offset = ? WHERE multihash = ? AND pack_id = ?")) {
                for (Move m : moves) {
                    ps.setLong(1, m.to());
                    ps.setLong(2, m.offset());
                    ps.setBytes(3, m.multihash().bytes());
                    ps.setLong(4, m.from());
                    moved += ps.executeUpdate();
                }
            }
            List<Long> touched = new ArrayList<>(sources);
            written.forEach(p -> touched.add(p.id()));
            List<Long> emptied = new ArrayList<>();
            try (PreparedStatement count = c.prepareStatement(
                            "SELECT COUNT(*), COALESCE(SUM(block_size), 0) FROM blocks WHERE pack_id = ?");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE packs SET live_blocks = ?, live_bytes = ? WHERE id = ?");
                    PreparedStatement drop = c.prepareStatement("DELETE FROM packs WHERE id = ?")) {
                for (long pack : touched) {
                    count.setLong(1, pack);
                    long blocks;
                    long bytes;
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        blocks = rs.getLong(1);
                        bytes = rs.getLong(2);
                    }
                    if (blocks == 0) {
                        drop.setLong(1, pack);
                        drop.executeUpdate();
                        emptied.add(pack);
                    } else {
                        update.setLong(1, blocks);
                        update.setLong(2, bytes);
                        update.setLong(3, pack);
                        update.executeUpdate();
                    }
                }
            }
            return new Relocated(moved, emptied);
        });
    }

    StoreStats stats() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COALESCE(SUM(live_blocks), 0), COALESCE(SUM(live_bytes), 0) FROM packs");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoreStats(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    /** Up to {@code limit} multihashes greater than {@code after} (null: from the start), ascending. */
    List<Multihash> page(Multihash after, int limit) {
        return db.read(c -> {
            String sql = after == null
                    ? "SELECT multihash FROM blocks ORDER BY multihash LIMIT ?"
                    : "SELECT multihash FROM blocks WHERE multihash > ? ORDER BY multihash LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (after != null) {
                    ps.setBytes(i++, after.bytes());
                }
                ps.setInt(i, limit);
                List<Multihash> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Multihash.fromBytes(rs.getBytes(1)));
                    }
                }
                return out;
            }
        });
    }

    /** Every committed pack by id. */
    Map<Long, PackRow> packs() {
        return db.read(PackIndex::packs);
    }

    private static Map<Long, PackRow> packs(Connection c) throws SQLException {
        Map<Long, PackRow> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, size, block_count FROM packs");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new PackRow(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }
}
