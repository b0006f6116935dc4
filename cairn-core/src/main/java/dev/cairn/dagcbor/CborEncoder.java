package dev.cairn.dagcbor;

import dev.cairn.cid.Cid;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Canonical DAG-CBOR writer over the value model described in the package docs. */
final class CborEncoder {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private CborEncoder() {}

    static byte[] encode(Object value) {
        CborEncoder e = new CborEncoder();
        e.value(value, 0);
        return e.out.toByteArray();
    }

    private void value(Object v, int depth) {
        if (depth > DagCbor.MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + DagCbor.MAX_DEPTH);
        }
        switch (v) {
            case null -> out.write(0xF6);
            case Boolean b -> out.write(b ? 0xF5 : 0xF4);
            case Long l -> integer(l);
            case Integer i -> integer(i);
            case Short s -> integer(s);
            case Byte b -> integer(b);
            case BigInteger big -> bigInteger(big);
            case Double d -> float64(d);
            case Float f -> float64(f);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                head(3, utf8.length);
                out.writeBytes(utf8);
            }
            case byte[] bytes -> {
                head(2, bytes.length);
                out.writeBytes(bytes);
            }
            case Cid cid -> {
                head(6, 42);
                byte[] cb = cid.bytes();
                head(2, cb.length + 1L);
                out.write(0);
                out.writeBytes(cb);
            }
            case List<?> list -> {
                head(4, list.size());
                for (Object item : list) {
                    value(item, depth + 1);
                }
            }
            case Map<?, ?> map -> map(map, depth);
            default -> throw new IllegalArgumentException(
                    "not in the DAG-CBOR data model: " + v.getClass().getName());
        }
    }

    private void map(Map<?, ?> map, int depth) {
        List<Map.Entry<byte[], Object>> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException("DAG-CBOR map keys must be strings, got " + e.getKey());
            }
            entries.add(new AbstractMap.SimpleImmutableEntry<>(k.getBytes(StandardCharsets.UTF_8), e.getValue()));
        }
        entries.sort((a, b) -> DagCbor.compareKeys(a.getKey(), b.getKey()));
        head(5, entries.size());
        for (Map.Entry<byte[], Object> e : entries) {
            head(3, e.getKey().length);
            out.writeBytes(e.getKey());
            value(e.getValue(), depth + 1);
        }
    }

    private void integer(long v) {
        if (v >= 0) {
            head(0, v);
        } else {
            head(1, -1 - v);
        }
    }

    private void bigInteger(BigInteger v) {
        if (v.signum() >= 0) {
            if (v.compareTo(TWO_64) >= 0) {
                throw new IllegalArgumentException("integer above 2^64-1: " + v);
            }
            head(0, v.longValue());
        } else {
            BigInteger n = v.negate().subtract(BigInteger.ONE);
            if (n.compareTo(TWO_64) >= 0) {
                throw new IllegalArgumentException("integer below -2^64: " + v);
            }
            head(1, n.longValue());
        }
    }

    private void float64(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("DAG-CBOR cannot encode " + d);
        }
        out.write(0xFB);
        long bits = Double.doubleToLongBits(d);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (bits >>> (8 * i)));
        }
    }

    /** Minimal head; {@code arg} is unsigned (a negative long means above Long.MAX_VALUE). */
    private void head(int major, long arg) {
        int m = major << 5;
        if (arg >= 0 && arg < 24) {
            out.write(m | (int) arg);
        } else if (arg >= 0 && arg <= 0xFF) {
            out.write(m | 24);
            out.write((int) arg);
        } else if (arg >= 0 && arg <= 0xFFFF) {
            out.write(m | 25);
            out.write((int) (arg >>> 8));
            out.write((int) arg);
        } else if (arg >= 0 && arg <= 0xFFFF_FFFFL) {
            out.write(m | 26);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (arg >>> (8 * i)));
            }
        } else {
            out.write(m | 27);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (arg >>> (8 * i)));
            }
        }
    }
}
