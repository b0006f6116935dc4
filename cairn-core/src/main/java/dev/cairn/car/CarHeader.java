package dev.cairn.car;

import dev.cairn.cid.Cid;
import dev.cairn.dagcbor.DagCbor;
import dev.cairn.multiformats.CodecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DAG-CBOR header of a CARv1: {@code {"roots": [CID...], "version": 1}}. Roots may be empty
 * (the spec leaves that open; @ipld/car accepts it). Unknown extra keys are ignored on read so a
 * future header field does not make whole archives unreadable.
 */
public record CarHeader(int version, List<Cid> roots) {
    public CarHeader {
        roots = List.copyOf(Objects.requireNonNull(roots, "roots"));
    }

    public static CarHeader v1(List<Cid> roots) {
        return new CarHeader(1, roots);
    }

    /** The DAG-CBOR bytes (without the length varint that precedes them in a CAR). */
    public byte[] encode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roots", List.<Object>copyOf(roots));
        m.put("version", (long) version);
        return DagCbor.encode(m);
    }

    /** Decodes a header block; it must carry a version and, for version 1, a roots list of CIDs. */
    public static CarHeader decode(byte[] bytes) {
        Object v;
        try {
            v = DagCbor.decode(bytes);
        } catch (CodecException e) {
            throw new CarException("bad CAR header: " + e.getMessage(), e);
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new CarException("bad CAR header: not a map");
        }
        if (!(map.get("version") instanceof Long version) || version < 0 || version > Integer.MAX_VALUE) {
            throw new CarException("bad CAR header: missing or invalid version");
        }
        Object roots = map.get("roots");
        if (roots == null && version != 1) {
            return new CarHeader(version.intValue(), List.of());
        }
        if (!(roots instanceof List<?> list)) {
            throw new CarException("bad CAR header: roots must be a list of CIDs");
        }
        for (Object r : list) {
            if (!(r instanceof Cid)) {
                throw new CarException("bad CAR header: roots must be a list of CIDs");
            }
        }
        @SuppressWarnings("unchecked")
        List<Cid> cids = (List<Cid>) list;
        return new CarHeader(version.intValue(), cids);
    }
}
