package dev.cairn.unixfs.reader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * File bytes pulled from a {@link FileCursor}: each block is fetched when the reader gets to it,
 * so a stream of a large file holds one leaf (plus the nodes above it) at a time.
 *
 * <p>Read failures are the cursor's unchecked exceptions ({@link dev.cairn.block.BlockNotFoundException},
 * {@link dev.cairn.multiformats.CodecException}), thrown from {@code read}: by then the caller may
 * have sent bytes already and must abort rather than report a clean error.
 */
final class FileStream extends InputStream {
    /** Heap buffer for off-heap runs written to an {@link OutputStream}. */
    private static final int COPY_BUFFER = 64 * 1024;
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
        return slice.buffer().get(slice.offset() + pos++) & 0xFF;
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
        slice.buffer().get(slice.offset() + pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Hands {@code out} each run of bytes whole (a leaf's worth, typically 256 KiB to 1 MiB) when
     * it is on the heap, not through {@link InputStream#transferTo}'s 16 KiB buffer: one copy and
     * one write call fewer per chunk. Runs lent by the store off the heap go through one buffer.
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        java.util.Objects.requireNonNull(out, "out");
        long total = 0;
        byte[] copy = null;
        while (fill()) {
            ByteBuffer b = slice.buffer();
            int n = slice.length() - pos;
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + slice.offset() + pos, n);
            } else {
                if (copy == null) {
                    copy = new byte[Math.min(COPY_BUFFER, n)];
                }
                for (int done = 0; done < n; ) {
                    int k = Math.min(copy.length, n - done);
                    b.get(slice.offset() + pos + done, copy, 0, k);
                    out.write(copy, 0, k);
                    done += k;
                }
            }
            pos += n;
            total += n;
        }
        return total;
    }

    /**
     * Writes the rest of the bytes to {@code out} as buffers that share the stored bytes (views of
     * a mapped pack where the store lends them): nothing is copied on the way, so a socket channel
     * gets them straight from the page cache. Each buffer is written until it has no bytes left.
     */
    long transferTo(WritableByteChannel out) throws IOException {
        java.util.Objects.requireNonNull(out, "out");
        long total = 0;
        while (fill()) {
            int n = slice.length() - pos;
            ByteBuffer run = slice.view(pos);
            while (run.hasRemaining()) {
                out.write(run);
            }
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
