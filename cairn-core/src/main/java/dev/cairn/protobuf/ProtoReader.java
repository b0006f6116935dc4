package dev.cairn.protobuf;

import dev.cairn.multiformats.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf fields one at a time from a byte range. Every malformation (truncation, bad wire
 * type, overlong varint) becomes a {@link CodecException}.
 *
 * <p>The range may be in an array or in a {@link ByteBuffer} (a block mapped from a pack file):
 * offsets are absolute indexes into the buffer, and a LEN field's body is only located
 * ({@link #lastStart}), never copied unless asked ({@link #bytes}), so a file leaf's data can go to
 * a socket straight from the buffer.
 */
public final class ProtoReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LEN = 2;
    public static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private int pos;
    private final int end;
    private int field;
    private int wireType;
    /** Start offset (in the backing array) of the body of the LEN field read last. */
    private int lenStart;

    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ProtoReader(byte[] buf, int offset, int length) {
        this(ByteBuffer.wrap(buf), offset, length);
    }

    /** Reads {@code buf[offset, offset + length)} by absolute index; {@code buf}'s position is not used. */
    public ProtoReader(ByteBuffer buf, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buf.limit());
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Advances to the next field; false at the end of input. */
    public boolean next() {
        if (pos >= end) {
            return false;
        }
        long key = readVarint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || (key >>> 3) > Integer.MAX_VALUE) {
            throw new CodecException("invalid protobuf field number " + (key >>> 3));
        }
        if (wireType != VARINT && wireType != FIXED64 && wireType != LEN && wireType != FIXED32) {
            throw new CodecException("unsupported protobuf wire type " + wireType);
        }
        return true;
    }

    /** True when no bytes are left. */
    public boolean atEnd() {
        return pos >= end;
    }

    public int field() {
        return field;
    }

    public int wireType() {
        return wireType;
    }

    public void expect(int type) {
        if (wireType != type) {
            throw new CodecException("protobuf field " + field + " has wire type " + wireType
                    + ", expected " + type);
        }
    }

    public long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw new CodecException("truncated protobuf varint");
            }
            int b = buf.get(pos++) & 0xFF;
            if (shift == 63 && b > 1) {
                throw new CodecException("protobuf varint overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CodecException("protobuf varint longer than 10 bytes");
    }

    public long uint64() {
        expect(VARINT);
        return readVarint();
    }


    public byte[] bytes() {
        int len = lengthPrefix();
        byte[] out = new byte[len];
        buf.get(lenStart, out, 0, len);
        return out;
    }

    /** Reads the length prefix of a LEN field and skips its body; returns its length. */
    public int lengthPrefix() {
        expect(LEN);
        long len = readVarint();
        // A 10-byte varint can read as a negative long: without the sign test it would pass the
        // bounds check and move the cursor backwards.
        if (len < 0 || len > end - pos) {
            throw new CodecException("protobuf field " + field + " length " + Long.toUnsignedString(len)
                    + " runs past the end (" + (end - pos) + " bytes left)");
        }
        lenStart = pos;
        pos += (int) len;
        return (int) len;
    }

    /** Offset of the body of the LEN field read last by {@link #lengthPrefix()}. */
    public int lastStart() {
        return lenStart;
    }

    public String string() {
        byte[] b = bytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("protobuf string field " + field + " is not valid UTF-8", e);
        }
    }

    public int fixed32() {
        expect(FIXED32);
        if (end - pos < 4) {
            throw new CodecException("truncated fixed32");
        }
        int v = (buf.get(pos) & 0xFF) | (buf.get(pos + 1) & 0xFF) << 8 | (buf.get(pos + 2) & 0xFF) << 16
                | (buf.get(pos + 3) & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long fixed64() {
        expect(FIXED64);
        if (end - pos < 8) {
            throw new CodecException("truncated fixed64");
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (buf.get(pos + i) & 0xFF) << (8 * i);
        }
        pos += 8;
        return v;
    }

    /** Skips the current field's value. */
    public void skip() {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> fixed64();
            case FIXED32 -> fixed32();
            case LEN -> lengthPrefix();
            default -> throw new CodecException("cannot skip wire type " + wireType);
        }
    }
}
