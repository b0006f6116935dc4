package dev.cairn.car;

import dev.cairn.block.Block;
import dev.cairn.block.BlockMismatchException;
import dev.cairn.block.BlockSink;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a CARv1 or CARv2 stream one section at a time; the single entry point for CAR input.
 *
 * <p>A CARv2 is recognised by its pragma; its header's offsets are checked, the payload is read as
 * the CARv1 it wraps (positions relative to the payload start), and its index can be read after the
 * last section with {@link #readIndex()}. Nothing but the current section is held in memory.
 *
 * <p>The stream is buffered here when it is not already, so it may be read past the end of the
 * CAR: hand the reader a stream that holds only the CAR. Not thread-safe. Closing closes the
 * underlying stream.
 */
public final class CarReader implements Closeable {
    private final CarInput in;
    private final InputStream stream;
    private final CarReadOptions options;
    private final CarHeader header;
    private final CarV2Header v2;
    /** Absolute stream position of the CARv1 payload's first byte. */
    private final long payloadStart;
    private long sections;
    private boolean done;

    private CarReader(InputStream stream, CarReadOptions options) throws IOException {
        // Varints are read a byte at a time: never do that against an unbuffered socket or file.
        this.stream = stream instanceof BufferedInputStream || stream instanceof ByteArrayInputStream
                ? stream : new BufferedInputStream(stream, 64 * 1024);
        this.in = new CarInput(this.stream);
        this.options = options;
        byte[] first = readHeaderBlock();
        if (isPragma(first)) {
            byte[] h = new byte[CarV2Header.SIZE];
            in.readFully(h, "CARv2 header");
            v2 = CarV2Header.decode(h);
            in.skip(v2.dataOffset() - in.position(), "padding before the CARv2 data");
            payloadStart = in.position();
            in.limit(payloadStart + v2.dataSize());
            CarHeader inner = CarHeader.decode(readHeaderBlock());
            if (inner.version() != 1) {
                throw new CarException("CARv2 payload must be a CARv1, found version " + inner.version());
            }
            header = inner;
        } else {
            v2 = null;
            payloadStart = 0;
            header = CarHeader.decode(first);
            if (header.version() != 1) {
                throw new CarException("unsupported CAR version " + header.version()
                        + (header.version() == 2 ? " (a CARv2 must start with the exact pragma)" : ""));
            }
        }
    }

    /** Opens a CAR of either version with the default options (verify, 1 MiB header, 2 MiB blocks). */
    public static CarReader open(InputStream in) throws IOException {
        return new CarReader(in, CarReadOptions.DEFAULTS);
    }

    public static CarReader open(InputStream in, CarReadOptions options) throws IOException {
        return new CarReader(in, options);
    }

    private byte[] readHeaderBlock() throws IOException {
        long at = in.position();
        long len = in.readVarint("CAR header length");
        if (len < 0) {
            throw CarException.truncated("CAR header length (empty stream)", at);
        }
        if (len == 0 || len > options.maxHeaderSize()) {
            throw new CarException("CAR header length " + len + " at byte " + at
                    + (len == 0 ? " is zero" : " exceeds the limit of " + options.maxHeaderSize()));
        }
        byte[] h = new byte[(int) len];
        in.readFully(h, "CAR header");
        return h;
    }

    private static boolean isPragma(byte[] headerBlock) {
        return Arrays.equals(headerBlock, 0, headerBlock.length,
                CarV2Header.PRAGMA, 1, CarV2Header.PRAGMA.length);
    }

    /** 1 or 2: the container's version (a CARv2's payload header always says 1). */
    public int version() {
        return v2 == null ? 1 : 2;
    }

    /** The CARv1 header (of the payload, for a CARv2). */
    public CarHeader header() {
        return header;
    }

    public Optional<CarV2Header> v2Header() {
        return Optional.ofNullable(v2);
    }

    /**
     * The next section, or empty after the last. Blocks are verified against their CID unless the
     * options say otherwise.
     *
     * @throws CarException on malformed or truncated input
     * @throws BlockMismatchException when a block does not hash to its CID
     */
    public Optional<CarSection> next() throws IOException {
        if (done) {
            return Optional.empty();
        }
        long start = in.position();
        long n = sections;
        long len = in.readVarint("length of section " + n);
        if (len < 0) {
            if (v2 != null && !in.atLimit()) {
                throw CarException.truncated("the CARv2 payload (ends before its declared size)", start);
            }
            done = true;
            return Optional.empty();
        }
        if (len == 0) {
            throw new CarException("section " + n + " at byte " + start + " has length zero");
        }
        if (len > options.maxSectionSize()) {
            throw new CarException("section " + n + " at byte " + start + " declares " + len
                    + " bytes, over the limit of " + options.maxSectionSize());
        }
        long body = in.position();
        String what = "section " + n + " (started at byte " + start + ")";
        // Read just enough for the CID, then the block straight into its own array: one copy.
        byte[] head = new byte[(int) Math.min(len, CarReadOptions.MAX_CID_SIZE)];
        in.readFully(head, what);
        ByteBuffer buf = ByteBuffer.wrap(head);
        Cid cid;
        try {
            cid = Cid.read(buf);
        } catch (CodecException e) {
            throw new CarException("section " + n + " at byte " + start + ": bad CID: " + e.getMessage(), e);
        }
        int cidLen = buf.position();
        if (len - cidLen > Block.MAX_SIZE) {
            throw new CarException("section " + n + " at byte " + start + ": block of " + (len - cidLen)
                    + " bytes exceeds " + Block.MAX_SIZE);
        }
        byte[] data = new byte[(int) (len - cidLen)];
        int inHead = head.length - cidLen;
        System.arraycopy(head, cidLen, data, 0, inHead);
        in.readFully(data, inHead, data.length - inHead, what);
        if (options.verify()) {
            Block.verified(cid, data);
        }
        sections++;
        return Optional.of(new CarSection(cid, data, start - payloadStart, body + cidLen - payloadStart,
                options.verify()));
    }

    /**
     * Puts every remaining non-identity block into {@code sink}; returns how many were put.
     * Identity sections are skipped: their bytes live in the CID.
     */
    public long copyTo(BlockSink sink) throws IOException {
        long put = 0;
        for (Optional<CarSection> s = next(); s.isPresent(); s = next()) {
            if (!s.get().isIdentity()) {
                sink.put(s.get().block());
                put++;
            }
        }
        return put;
    }

    /**
     * The CARv2 index, read after the last section (call {@link #next()} until empty first), or
     * empty for a CARv1 or a CARv2 without one.
     */
    public Optional<CarIndex> readIndex() throws IOException {
        if (v2 == null || !v2.hasIndex()) {
            return Optional.empty();
        }
        if (!done) {
            throw new IllegalStateException("read every section before the index");
        }
        in.limit(Long.MAX_VALUE);
        in.skip(v2.indexOffset() - in.position(), "padding before the CARv2 index");
        return Optional.of(CarIndex.read(in, options));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
