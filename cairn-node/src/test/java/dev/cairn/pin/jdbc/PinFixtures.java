package dev.cairn.pin.jdbc;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.pin.Pin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Accounts and pins for repository tests. */
final class PinFixtures {
    private PinFixtures() {}

    /** Inserts account rows directly: the account service is not what these tests are about. */
    static void accounts(Database db, long... ids) {
        db.transaction(c -> {
            for (long id : ids) {
                try (var ps = c.prepareStatement("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, 0)")) {
                    ps.setLong(1, id);
                    ps.setString(2, "account" + id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    static Cid cid(String content) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(content.getBytes(StandardCharsets.UTF_8)));
    }

    static Pin pin(String content) {
        return Pin.of(cid(content));
    }

    static Pin named(String content, String name) {
        return new Pin(cid(content).toString(), cid(content), name, List.of(), Map.of());
    }

    static Pin withMeta(String content, Map<String, String> meta) {
        return new Pin(cid(content).toString(), cid(content), null, List.of(), meta);
    }
}
