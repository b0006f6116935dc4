package dev.cairn.car;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Varint;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a CARv1 stream: the header with its roots, then one section per block, in the order put.
 * Identity blocks are never written (the trustless gateway spec forbids them in CARs and their
 * bytes are in the CID anyway). Duplicates are written as given: de-duplication is the walker's job.
 *
 * <p>Not thread-safe. {@link #close()} flushes and closes the stream.
 */
public final class CarWriter implements BlockSink, Closeable {
    private final OutputStream out;
    private long position;
    private long blocks;

    private CarWriter(OutputStream out) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 64 * 1024);
    }

    /** Writes the header at once and returns a writer for the sections. */
    public static CarWriter open(OutputStream out, List<Cid> roots) throws IOException {
        CarWriter w = new CarWriter(out);
        byte[] header = CarHeader.v1(roots).encode();
        w.writeVarint(header.length);
        w.out.write(header);
        w.position += header.length;
        return w;
    }

    /**
     * Appends {@code block} unless it has an identity CID.
     *
     * @throws UncheckedIOException when the stream fails
     */
    @Override
    public void put(Block block) {
        try {
            write(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code block} unless identity; returns whether it was written. */
    public boolean write(Block block) throws IOException {
        if (block.cid().isIdentity()) {
            return false;
        }
        if (block.size() > Block.MAX_SIZE) {
            throw new IllegalArgumentException(block + " exceeds the " + Block.MAX_SIZE + "-byte block limit");
        }
        byte[] cid = block.cid().bytes();
        writeVarint((long) cid.length + block.size());
        out.write(cid);
        out.write(block.data());
        position += cid.length + block.size();
        blocks++;
        return true;
    }

    private void writeVarint(long v) throws IOException {
        byte[] b = Varint.encode(v);
        out.write(b);
        position += b.length;
    }

    /** Bytes written so far: the offset the next section will start at. */
    public long position() {
        return position;
    }

    public long blocksWritten() {
        return blocks;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
