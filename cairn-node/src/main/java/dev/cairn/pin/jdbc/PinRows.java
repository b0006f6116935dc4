package dev.cairn.pin.jdbc;

import dev.cairn.cid.Cid;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Reads one {@code pins} row selected with {@link PinListingSql#COLUMNS} into a {@link PinRecord}. */
final class PinRows {
    private PinRows() {}

    static PinRecord record(ResultSet rs) throws SQLException {
        Pin pin = new Pin(rs.getString("cid_text"), Cid.fromBytes(rs.getBytes("cid")), rs.getString("name"),
                PinJson.readList(rs.getString("origins")), PinJson.readMap(rs.getString("meta")));
        return new PinRecord(UUID.fromString(rs.getString("request_id")), rs.getLong("account_id"), pin,
                PinStatus.fromWire(rs.getString("status")), Instant.ofEpochMilli(rs.getLong("created")),
                PinJson.readMap(rs.getString("info")));
    }
}
