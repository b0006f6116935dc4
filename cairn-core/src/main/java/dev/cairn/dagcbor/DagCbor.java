package dev.cairn.dagcbor;

import dev.cairn.cid.Cid;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry points of the DAG-CBOR codec. Every decoding failure is a
 * {@link dev.cairn.multiformats.CodecException}; encoding a value outside the data model is a
 * programming error ({@link IllegalArgumentException}).
 */
public final class DagCbor {
    /**
     * Nesting limit for maps, arrays and tags. Real blocks (CAR headers, IPNS records, IPLD
     * documents) are shallow; the limit keeps a hostile block from exhausting the Java stack.
     */
    public static final int MAX_DEPTH = 128;

    private DagCbor() {}

    /** Strictly decodes one DAG-CBOR value occupying all of {@code bytes}. */
    public static Object decode(byte[] bytes) {
        return new CborDecoder(bytes, null).decodeWhole();
    }

    /** Canonical DAG-CBOR bytes of {@code value} (map keys length-first, floats as float64). */
    public static byte[] encode(Object value) {
        return CborEncoder.encode(value);
    }

    /** Every CID (tag 42) in a dag-cbor block, in encounter order, duplicates kept. */
    public static List<Cid> links(byte[] bytes) {
        List<Cid> out = new ArrayList<>();
        new CborDecoder(bytes, out::add).decodeWhole();
        return out;
    }

    /**
     * Compares map keys the DAG-CBOR way: shorter UTF-8 encoding first, then bytewise unsigned.
     * (RFC 7049 "canonical" order, which DAG-CBOR kept when RFC 8949 changed to bytewise only.)
     */
    static int compareKeys(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
