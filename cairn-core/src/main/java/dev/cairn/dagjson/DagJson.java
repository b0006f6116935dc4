package dev.cairn.dagjson;

import dev.cairn.cid.Cid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Entry points of the DAG-JSON codec (see the package documentation for the rules). */
public final class DagJson {
    /** Nesting limit for maps and lists, as in DAG-CBOR: a hostile block cannot exhaust the stack. */
    public static final int MAX_DEPTH = 128;

    private DagJson() {}

    /** Decodes one DAG-JSON value occupying all of {@code bytes} (whitespace around it allowed). */
    public static Object decode(byte[] bytes) {
        return new JsonDecoder(bytes).decodeWhole();
    }

    /**
     * The links of a DAG-JSON block, {@code {"/": "cid"}} objects in encounter order, duplicates kept.
     * The block is decoded whole, so a block whose links Cairn walks is also a valid DAG-JSON value.
     */
    public static List<Cid> links(byte[] bytes) {
        List<Cid> out = new ArrayList<>();
        collect(decode(bytes), out);
        return out;
    }

    private static void collect(Object value, List<Cid> out) {
        if (value instanceof Cid cid) {
            out.add(cid);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out)); // decoded maps keep the block's key order
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }

    /**
     * Canonical DAG-JSON bytes of {@code value}.
     *
     * @throws IllegalArgumentException for a value outside the data model (NaN, a non-string key, ...)
     */
    public static byte[] encode(Object value) {
        return JsonEncoder.encode(value);
    }
}
