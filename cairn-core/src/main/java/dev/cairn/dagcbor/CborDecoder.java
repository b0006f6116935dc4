package dev.cairn.dagcbor;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One pass over one buffer; not reusable. Positions in messages are byte offsets in the input. */
final class CborDecoder {
    private static final int TAG_CID = 42;

    private final byte[] in;
    private final Consumer<Cid> onLink;
    private int pos;

    CborDecoder(byte[] in, Consumer<Cid> onLink) {
        this.in = in;
        this.onLink = onLink;
    }

    Object decodeWhole() {
        if (in.length == 0) {
            throw fail("empty input");
        }
        Object v = value(0);
        if (pos != in.length) {
            throw fail((in.length - pos) + " trailing bytes after the value");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > DagCbor.MAX_DEPTH) {
            throw fail("nesting deeper than " + DagCbor.MAX_DEPTH);
        }
        int start = pos;
        int initial = u8();
        int major = initial >>> 5;
        int info = initial & 0x1F;
        if (major == 7) {
            return simple(info, start);
        }
        long arg = argument(info, start);
        return switch (major) {
            case 0 -> arg >= 0 ? (Object) arg : unsignedBig(arg);
            case 1 -> arg >= 0 ? (Object) (-1 - arg) : unsignedBig(arg).negate().subtract(BigInteger.ONE);
            case 2 -> bytes(arg, start);
            case 3 -> text(arg, start);
            case 4 -> array(arg, depth, start);
            case 5 -> map(arg, depth, start);
            case 6 -> tag(arg, depth, start);
            default -> throw new AssertionError(major);
        };
    }

    /** The head's argument as an unsigned 64-bit value (negative long = above Long.MAX_VALUE). */
    private long argument(int info, int start) {
        if (info < 24) {
            return info;
        }
        long v;
        long min;
        switch (info) {
            case 24 -> { v = uint(1); min = 24; }
            case 25 -> { v = uint(2); min = 0x100; }
            case 26 -> { v = uint(4); min = 0x1_0000L; }
            case 27 -> { v = uint(8); min = 0x1_0000_0000L; }
            case 31 -> throw fail(start, "indefinite-length items are not allowed in DAG-CBOR");
            default -> throw fail(start, "reserved additional information " + info);
        }
        if (Long.compareUnsigned(v, min) < 0) {
            throw fail(start, "integer or length " + Long.toUnsignedString(v) + " is not minimally encoded");
        }
        return v;
    }

    private static BigInteger unsignedBig(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private int checkedLength(long len, int start, String what) {
        if (len < 0 || len > in.length - pos) {
            throw fail(start, what + " declares " + Long.toUnsignedString(len) + " bytes but only "
                    + (in.length - pos) + " remain");
        }
        return (int) len;
    }

    private byte[] bytes(long len, int start) {
        int n = checkedLength(len, start, "byte string");
        byte[] out = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return out;
    }

    private String text(long len, int start) {
        int n = checkedLength(len, start, "text string");
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, pos, n))
                    .toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw fail(start, "text string is not valid UTF-8");
        }
    }

    private List<Object> array(long count, int depth, int start) {
        // Every element takes at least one byte: a count above what remains is a lie.
        int n = checkedLength(count, start, "array of " + Long.toUnsignedString(count) + " items");
        List<Object> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(value(depth + 1));
        }
        return out;
    }

    private Map<String, Object> map(long count, int depth, int start) {
        if (count < 0 || count > (in.length - pos) / 2) {
            throw fail(start, "map declares " + Long.toUnsignedString(count) + " entries but only "
                    + (in.length - pos) + " bytes remain");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byte[] previous = null;
        for (long i = 0; i < count; i++) {
            int keyStart = pos;
            int head = u8();
            if (head >>> 5 != 3) {
                throw fail(keyStart, "map keys must be strings");
            }
            String key = text(argument(head & 0x1F, keyStart), keyStart);
            byte[] keyBytes = Arrays.copyOfRange(in, keyStart, pos);
            if (previous != null) {
                int c = DagCbor.compareKeys(keyBytes, previous);
                if (c == 0) {
                    throw fail(keyStart, "duplicate map key \"" + key + "\"");
                }
                if (c < 0) {
                    throw fail(keyStart, "map key \"" + key + "\" is out of order (keys sort length-first, then bytewise)");
                }
            }
            previous = keyBytes;
            out.put(key, value(depth + 1));
        }
        return out;
    }

    private Cid tag(long tag, int depth, int start) {
        if (tag != TAG_CID) {
            throw fail(start, "tag " + Long.toUnsignedString(tag) + " is not allowed (only 42, CID)");
        }
        int inner = pos;
        int head = u8();
        if (head >>> 5 != 2) {
            throw fail(inner, "tag 42 must wrap a byte string");
        }
        byte[] b = bytes(argument(head & 0x1F, inner), inner);
        if (b.length < 2 || b[0] != 0) {
            throw fail(inner, "tag 42 bytes must be 0x00 followed by a binary CID");
        }
        Cid cid;
        try {
            cid = Cid.fromBytes(Arrays.copyOfRange(b, 1, b.length));
        } catch (CodecException e) {
            throw new CodecException("dag-cbor: invalid CID in tag 42 at byte " + start + ": " + e.getMessage(), e);
        }
        if (onLink != null) {
            onLink.accept(cid);
        }
        return cid;
    }

    private Object simple(int info, int start) {
        switch (info) {
            case 20: return Boolean.FALSE;
            case 21: return Boolean.TRUE;
            case 22: return null;
            case 25:
            case 26:
                throw fail(start, "floats must be encoded as 64-bit in DAG-CBOR");
            case 27: {
                double d = Double.longBitsToDouble(uint(8));
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw fail(start, "NaN and infinities are not allowed in DAG-CBOR");
                }
                return d;
            }
            case 31:
                throw fail(start, "unexpected break (indefinite lengths are not allowed)");
            default:
                throw fail(start, "simple value " + info + " is not allowed (only false, true, null)");
        }
    }

    private int u8() {
        if (pos >= in.length) {
            throw fail("unexpected end of input");
        }
        return in[pos++] & 0xFF;
    }

    private long uint(int n) {
        if (in.length - pos < n) {
            throw fail("unexpected end of input inside a " + n + "-byte argument");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    private CodecException fail(String message) {
        return fail(pos, message);
    }

    private static CodecException fail(int at, String message) {
        return new CodecException("dag-cbor: " + message + " (at byte " + at + ")");
    }
}
