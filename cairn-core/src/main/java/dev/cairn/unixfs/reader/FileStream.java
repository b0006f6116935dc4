package dev.cairn.unixfs.reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * File bytes pulled from a {@link FileCursor}: each block is fetched when the reader gets to it,
 * so a stream of a large file holds one leaf (plus the nodes above it) at a time.
 *
 * <p>Read failures are the cursor's unchecked exceptions ({@link dev.cairn.block.BlockNotFoundException},
 * {@link dev.cairn.multiformats.CodecException}), thrown from {@code read}: by then the caller may
 * have sent bytes already and must abort rather than report a clean error.
 */
final class FileStream extends InputStream {
    private final FileCursor cursor;
    private FileCursor.Slice slice;
    private int pos;
    private boolean done;

    FileStream(FileCursor cursor) {
        this.cursor = cursor;
    }

    private boolean fill() {
        while (!done && (slice == null || pos >= slice.length())) {
            slice = cursor.next();
            pos = 0;
            if (slice == null) {
                done = true;
            }
        }
        return !done;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return slice.array()[slice.offset() + pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, slice.length() - pos);
        System.arraycopy(slice.array(), slice.offset() + pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Hands {@code out} each run of bytes whole (a leaf's worth, typically 256 KiB to 1 MiB), not
     * through {@link InputStream#transferTo}'s 16 KiB buffer: one copy and one write call fewer per
     * chunk, which is what a gateway streaming a large file spends its time on.
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        java.util.Objects.requireNonNull(out, "out");
        long total = 0;
        while (fill()) {
            int n = slice.length() - pos;
            out.write(slice.array(), slice.offset() + pos, n);
            pos += n;
            total += n;
        }
        return total;
    }

    @Override
    public int available() {
        return slice == null ? 0 : slice.length() - pos;
    }

    @Override
    public void close() {
        done = true;
        slice = null;
    }
}
