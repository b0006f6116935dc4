package dev.cairn.pin.job;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.db.TransactionWork;
import dev.cairn.gc.LivePins;
import dev.cairn.pin.PinLifecycle;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A small pin repository for tests, on a table of its own in the real database: adds requests
 * with their job in one transaction, deletes them (cancelling the job), records what the workers
 * report, and names the live roots to GC. Works across processes (the kill -9 test).
 */
public final class TablePins implements PinLifecycle, LivePins {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final JdbcJobQueue queue;

    public TablePins(Database db, JdbcJobQueue queue) {
        this.db = db;
        this.queue = queue;
        db.transaction(c -> {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS test_pins (request_id TEXT PRIMARY KEY, "
                    + "account_id BIGINT NOT NULL, cid TEXT NOT NULL, status TEXT NOT NULL, info TEXT NOT NULL, "
                    + "deleted INTEGER NOT NULL)");
            return null;
        });
    }

    public UUID add(long accountId, Cid cid) {
        UUID id = UUID.randomUUID();
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO test_pins VALUES (?, ?, ?, 'queued', '{}', 0)")) {
                ps.setString(1, id.toString());
                ps.setLong(2, accountId);
                ps.setString(3, cid.toString());
                ps.executeUpdate();
            }
            queue.enqueue(c, id, accountId, cid, List.of());
            return null;
        });
        return id;
    }

    public void delete(UUID id) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE test_pins SET deleted = 1 WHERE request_id = ?")) {
                ps.setString(1, id.toString());
                ps.executeUpdate();
            }
            queue.cancel(c, id);
            return null;
        });
    }

    public String status(UUID id) {
        return column(id, "status");
    }

    public Map<String, String> info(UUID id) {
        try {
            return JSON.readValue(column(id, "info"), new TypeReference<Map<String, String>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String column(UUID id, String column) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM test_pins WHERE request_id = ?")) {
                ps.setString(1, id.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** Waits (up to a minute, then fails) until the request has {@code status}. */
    public void await(UUID id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!status.equals(status(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("request " + id + " is still " + status(id) + " " + info(id)
                        + ", expected " + status + "; job " + queue.find(id));
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void pinning(UUID requestId, Map<String, String> info) {
        db.transaction(c -> {
            set(c, requestId, "pinning", info);
            return null;
        });
    }

    @Override
    public TransactionWork pinned(UUID requestId, Map<String, String> info) {
        return c -> set(c, requestId, "pinned", info);
    }

    @Override
    public void failed(UUID requestId, String reason) {
        db.transaction(c -> {
            set(c, requestId, "failed", Map.of("status_details", reason));
            return null;
        });
    }

    private static void set(java.sql.Connection c, UUID id, String status, Map<String, String> info)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE test_pins SET status = ?, info = ? WHERE request_id = ? AND deleted = 0")) {
            ps.setString(1, status);
            ps.setString(2, JSON.writeValueAsString(info));
            ps.setString(3, id.toString());
            ps.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void forEachLiveRoot(Consumer<? super Cid> root) {
        List<String> cids = db.read(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT cid FROM test_pins WHERE deleted = 0 AND status IN ('queued', 'pinning', 'pinned')")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        cids.forEach(s -> root.accept(Cid.parse(s)));
    }
}
