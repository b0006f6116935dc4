package dev.cairn.car;

import java.io.IOException;
import java.io.InputStream;

/**
 * The stream under a reader: counts bytes (for offsets and error messages), optionally stops at a
 * limit (a CARv2 payload's end), and turns every premature end into a "truncated CAR" error.
 */
final class CarInput {
    private final InputStream in;
    private long position;
    private long limit = Long.MAX_VALUE;

    CarInput(InputStream in) {
        this.in = in;
    }

    long position() {
        return position;
    }

    void limit(long absoluteEnd) {
        this.limit = absoluteEnd;
    }

    long limit() {
        return limit;
    }

    boolean atLimit() {
        return position >= limit;
    }

    /** Next byte, or -1 at the end of the stream or the limit. */
    int read() throws IOException {
        if (position >= limit) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    void readFully(byte[] buf, String what) throws IOException {
        readFully(buf, 0, buf.length, what);
    }

    /** Fills {@code buf[off, off+len)}; a stream or limit that ends first is a truncated CAR. */
    void readFully(byte[] buf, int off, int len, String what) throws IOException {
        long start = position;
        if (limit - position < len) {
            // Consume what there is first so the error names the real end, then fail.
            skip(limit - position, what);
            throw CarException.truncated(what + " (needs " + len + " bytes from byte " + start + ")", position);
        }
        int end = off + len;
        while (off < end) {
            int n = in.read(buf, off, end - off);
            if (n < 0) {
                throw CarException.truncated(what + " (needs " + len + " bytes from byte " + start + ")", position);
            }
            off += n;
            position += n;
        }
    }

    void skip(long n, String what) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int want = (int) Math.min(left, Math.min(scratch.length, limit - position));
            if (want <= 0) {
                throw CarException.truncated(what, position);
            }
            int got = in.read(scratch, 0, want);
            if (got < 0) {
                throw CarException.truncated(what, position);
            }
            position += got;
            left -= got;
        }
    }

    /**
     * An unsigned varint, or -1 on a clean end before its first byte. Minimal encoding and the
     * 9-byte cap are enforced as in {@link dev.cairn.multiformats.Varint}.
     */
    long readVarint(String what) throws IOException {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            int b = read();
            if (b < 0) {
                if (i == 0) {
                    return -1;
                }
                throw CarException.truncated(what, position);
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new CarException(what + " at byte " + (position - i - 1) + " is not a minimal varint");
                }
                return value;
            }
        }
        throw new CarException(what + " at byte " + (position - 9) + " is a varint longer than 9 bytes");
    }

    long readU64Le(String what) throws IOException {
        byte[] b = new byte[8];
        readFully(b, what);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    int readI32Le(String what) throws IOException {
        byte[] b = new byte[4];
        readFully(b, what);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }
}
