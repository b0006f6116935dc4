package dev.cairn.bench;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * Loads N settled pin requests straight into a node's database, for the {@code GET /pins}
 * latency benchmark (going through {@code POST /pins} would queue N fetch jobs as well).
 * Rows look like the pin repository's own: status pinned, unique ascending {@code created},
 * names {@code pin-<i>}, every tenth with meta {@code {"app":"bench"}}.
 *
 * <p>Usage: {@code PinLoad DATA_DIR ACCOUNT COUNT}; prints the CID of pin 0 and the created
 * time (ms) of the middle pin, for filtered queries.
 */
public final class PinLoad {
    private PinLoad() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String account = args[1];
        int count = Integer.parseInt(args[2]);
        long start = System.currentTimeMillis() - count - 60_000L;
        try (Database db = Database.openSqlite(dataDir.resolve("cairn.db"))) {
            long accountId = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts WHERE name = ?")) {
                    ps.setString(1, account);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalArgumentException("no account " + account);
                        }
                        return rs.getLong(1);
                    }
                }
            });
            int batch = 20_000;
            for (int from = 0; from < count; from += batch) {
                int to = Math.min(count, from + batch);
                int lo = from;
                db.transaction(c -> {
                    try (PreparedStatement pin = c.prepareStatement("INSERT INTO pins (request_id, account_id, cid_text,"
                            + " cid, multihash, name, name_folded, origins, meta, status, created, updated_at, info)"
                            + " VALUES (?,?,?,?,?,?,?,'[]',?,'pinned',?,?,'{}')");
                         PreparedStatement meta = c.prepareStatement(
                                 "INSERT INTO pin_meta (request_id, meta_key, meta_value) VALUES (?, 'app', 'bench')")) {
                        for (int i = lo; i < to; i++) {
                            Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(8).putLong(i).array()));
                            String id = UUID.randomUUID().toString();
                            boolean tagged = i % 10 == 0;
                            pin.setString(1, id);
                            pin.setLong(2, accountId);
                            pin.setString(3, cid.toString());
                            pin.setBytes(4, cid.bytes());
                            pin.setBytes(5, cid.multihash().bytes());
                            pin.setString(6, "pin-" + i);
                            pin.setString(7, ("pin-" + i).toLowerCase(java.util.Locale.ROOT));
                            pin.setString(8, tagged ? "{\"app\":\"bench\"}" : "{}");
                            pin.setLong(9, start + i);
                            pin.setLong(10, start + i);
                            pin.addBatch();
                            if (tagged) {
                                meta.setString(1, id);
                                meta.addBatch();
                            }
                        }
                        pin.executeBatch();
                        meta.executeBatch();
                    }
                    return null;
                });
            }
            System.out.println(cidOf(0) + " " + (start + count / 2));
        }
    }

    private static String cidOf(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(8).putLong(i).array())).toString();
    }
}
