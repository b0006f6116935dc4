package dev.cairn.multiformats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as multiformats use them: at most 9 bytes (63 bits), minimally encoded.
 *
 * <p>Non-minimal encodings (a trailing {@code 0x00} continuation) are rejected, as the
 * multiformats unsigned-varint spec requires, so that every value has exactly one encoding and CIDs
 * compare equal by bytes.
 */
public final class Varint {
    /** The spec caps varints at 9 bytes so values fit in 63 bits. */
    public static final int MAX_BYTES = 9;

    private Varint() {}

    /** Number of bytes {@code value} takes when encoded. */
    public static int size(long value) {
        requireUnsigned(value);
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    /** Writes {@code value} at {@code offset}; returns the offset just after it. */
    public static int write(long value, byte[] out, int offset) {
        requireUnsigned(value);
        while ((value & ~0x7FL) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    public static void write(long value, ByteBuffer out) {
        requireUnsigned(value);
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    /** Reads a varint from {@code in} at its position, advancing it. */
    public static long read(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!in.hasRemaining()) {
                throw new CodecException("truncated varint");
            }
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new CodecException("varint is not minimally encoded");
                }
                return value;
            }
        }
        throw new CodecException("varint longer than " + MAX_BYTES + " bytes");
    }

    /** Reads a varint from {@code bytes} starting at {@code offset}. */
    public static long read(byte[] bytes, int offset) {
        return read(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
    }

    /**
     * Reads a varint from a stream. Returns -1 on a clean end of stream before the first byte;
     * throws {@link EOFException} if the stream ends inside the varint.
     */
    public static long read(InputStream in) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw new EOFException("stream ended inside a varint");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new CodecException("varint is not minimally encoded");
                }
                return value;
            }
        }
        throw new CodecException("varint longer than " + MAX_BYTES + " bytes");
    }

    private static void requireUnsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must be >= 0, got " + value);
        }
    }
}
