package dev.cairn.pin;

import dev.cairn.cid.Cid;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Filters of {@code GET /pins}. Empty sets and null values mean "no filter"; {@code statuses}
 * is already defaulted by the surface (PSA rule: pinned only unless cid/name/meta is given).
 * {@code cids} match by multihash, so CIDv0 and CIDv1 of the same content both match.
 * {@code before}/{@code after} are strict. Results are newest first.
 */
public record PinQuery(Set<Cid> cids, String name, NameMatch match, Set<PinStatus> statuses,
                       Instant before, Instant after, int limit, Map<String, String> meta) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 10;

    public PinQuery {
        cids = Set.copyOf(cids);
        statuses = Set.copyOf(statuses);
        meta = Map.copyOf(meta);
        if (match == null) {
            match = NameMatch.EXACT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Every pin of the account in any status, newest first. */
    public static PinQuery all(int limit) {
        return new PinQuery(Set.of(), null, NameMatch.EXACT, Set.of(PinStatus.values()), null, null, limit, Map.of());
    }
}
