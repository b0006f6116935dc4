package dev.cairn.http.psa;

import dev.cairn.cid.Cid;
import dev.cairn.http.psa.wire.BadPsaRequestException;
import dev.cairn.http.psa.wire.PsaLimits;
import dev.cairn.http.psa.wire.PsaWire;
import dev.cairn.multiformats.CodecException;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the query of {@code GET /pins} into a {@link PinQuery} (spec sections 1.3 and 1.7).
 *
 * <p>Values arrive URL-decoded; arrays are split on {@code ,} after decoding (clients encode the
 * comma as {@code %2C}), and a repeated parameter ({@code ?cid=a&cid=b}) is read as one list.
 * {@code meta} is JSON text; the form {@code meta[key]=value}, which the reference JS client
 * produces when given an object, is accepted too. Unknown parameters are ignored.
 *
 * <p>Default status (spec 1.7, compliance issue #245): without {@code status}, only {@code pinned}
 * requests are listed, unless {@code cid}, {@code name} or {@code meta} is given, in which case all
 * statuses are. Kubo always sends {@code status}, so it is not affected.
 */
final class PinQueryParser {
    private PinQueryParser() {}

    static PinQuery parse(Map<String, List<String>> params) {
        Set<Cid> cids = cids(values(params, "cid"));
        String name = single(params, "name");
        if (name != null && name.isEmpty()) {
            name = null; // "?name=" filters nothing, as when absent
        }
        if (name != null) {
            PsaWire.name(name);
        }
        String matchText = single(params, "match");
        NameMatch match = NameMatch.EXACT;
        if (matchText != null) {
            try {
                match = NameMatch.fromWire(matchText);
            } catch (IllegalArgumentException e) {
                throw new BadPsaRequestException(e.getMessage(), e);
            }
        }
        Map<String, String> meta = meta(params);
        List<String> statusValues = values(params, "status");
        Set<PinStatus> statuses;
        if (statusValues == null) {
            boolean filtered = !cids.isEmpty() || name != null || !meta.isEmpty();
            statuses = filtered ? EnumSet.allOf(PinStatus.class) : EnumSet.of(PinStatus.PINNED);
        } else {
            statuses = statuses(statusValues);
        }
        Instant before = time(params, "before");
        Instant after = time(params, "after");
        return new PinQuery(cids, name, match, statuses, before, after, limit(single(params, "limit")), meta);
    }

    /** The comma-separated items of every occurrence of {@code key}, or null when it is absent. */
    private static List<String> values(Map<String, List<String>> params, String key) {
        List<String> raw = params.get(key);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String value : raw) {
            for (String item : value.split(",", -1)) {
                String s = item.strip();
                if (s.isEmpty()) {
                    throw new BadPsaRequestException(key + " has an empty item in '" + value + "'");
                }
                out.add(s);
            }
        }
        return out;
    }

    private static String single(Map<String, List<String>> params, String key) {
        List<String> raw = params.get(key);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.size() > 1) {
            throw new BadPsaRequestException(key + " may be given once, got " + raw.size() + " values");
        }
        return raw.getFirst();
    }

    private static Set<Cid> cids(List<String> values) {
        if (values == null) {
            return Set.of();
        }
        Set<String> unique = new LinkedHashSet<>(values);
        if (unique.size() > PsaLimits.MAX_CID_FILTER) {
            throw new BadPsaRequestException("cid may list at most " + PsaLimits.MAX_CID_FILTER + " CIDs, got "
                    + unique.size());
        }
        Set<Cid> out = new LinkedHashSet<>();
        for (String text : unique) {
            try {
                out.add(Cid.parse(text));
            } catch (CodecException e) {
                throw new BadPsaRequestException("cid '" + text + "' is not a CID: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Set<PinStatus> statuses(List<String> values) {
        Set<PinStatus> out = EnumSet.noneOf(PinStatus.class);
        for (String s : values) {
            try {
                out.add(PinStatus.fromWire(s));
            } catch (IllegalArgumentException e) {
                throw new BadPsaRequestException("status: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Instant time(Map<String, List<String>> params, String key) {
        String text = single(params, key);
        return text == null ? null : PsaWire.time(key, text);
    }

    private static int limit(String text) {
        if (text == null) {
            return PinQuery.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadPsaRequestException("limit must be an integer between 1 and " + PinQuery.MAX_LIMIT
                    + ", got '" + text + "'");
        }
        if (limit < 1 || limit > PinQuery.MAX_LIMIT) {
            throw new BadPsaRequestException("limit must be between 1 and " + PinQuery.MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    private static Map<String, String> meta(Map<String, List<String>> params) {
        Map<String, String> out = new LinkedHashMap<>();
        String json = single(params, "meta");
        if (json != null) {
            out.putAll(PsaWire.metaQuery(json));
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("meta[") && key.endsWith("]") && key.length() > 6) {
                if (e.getValue().size() != 1) {
                    throw new BadPsaRequestException(key + " may be given once");
                }
                out.put(key.substring(5, key.length() - 1), e.getValue().getFirst());
            }
        }
        if (out.size() > PsaLimits.MAX_META_KEYS) {
            throw new BadPsaRequestException("meta may hold at most " + PsaLimits.MAX_META_KEYS + " keys");
        }
        return out;
    }
}
