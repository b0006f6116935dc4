package dev.cairn.car;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.cid.Cid;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a CARv2: pragma, header, CARv1 payload, then a MultihashIndexSorted index (go-car's
 * default) with offsets relative to the payload start.
 *
 * <p>The header's sizes are only known at the end, so this writes to a seekable channel (a file)
 * and patches the header in {@link #finish()}, as go-car does. The index entries (about 50 bytes
 * per block) are the only state kept in memory. Identity blocks are neither written nor indexed,
 * so the header never claims {@code fully-indexed}.
 */
public final class CarV2Writer implements BlockSink, Closeable {
    private final SeekableByteChannel channel;
    private final long start;
    private final CarWriter payload;
    private final List<CarIndex.Entry> entries = new ArrayList<>();
    private boolean finished;

    private CarV2Writer(SeekableByteChannel channel, List<Cid> roots) throws IOException {
        this.channel = channel;
        this.start = channel.position();
        ByteBuffer preamble = ByteBuffer.allocate(CarV2Header.PRAGMA.length + CarV2Header.SIZE);
        preamble.put(CarV2Header.PRAGMA);
        preamble.position(preamble.capacity()).flip();
        while (preamble.hasRemaining()) {
            channel.write(preamble);
        }
        // The channel stays open until close(): finish() still needs it to write the index.
        OutputStream unclosable = new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        this.payload = CarWriter.open(unclosable, roots);
    }

    /** Starts a CARv2 at the channel's current position. */
    public static CarV2Writer create(SeekableByteChannel channel, List<Cid> roots) throws IOException {
        return new CarV2Writer(channel, roots);
    }

    @Override
    public void put(Block block) {
        try {
            write(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code block} to the payload (skipping identity) and remembers its offset. */
    public boolean write(Block block) throws IOException {
        if (finished) {
            throw new IllegalStateException("CARv2 already finished");
        }
        long offset = payload.position();
        if (payload.write(block)) {
            entries.add(CarIndex.Entry.of(block.cid().multihash(), offset));
            return true;
        }
        return false;
    }

    /** Writes the index, patches the header; the channel ends positioned after the index. */
    public CarV2Header finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("CARv2 already finished");
        }
        finished = true;
        payload.close();
        long dataSize = payload.position();
        long dataOffset = CarV2Header.MIN_DATA_OFFSET;
        CarV2Header header = new CarV2Header(false, dataOffset, dataSize, dataOffset + dataSize);
        OutputStream out = Channels.newOutputStream(channel);
        java.io.ByteArrayOutputStream index = new java.io.ByteArrayOutputStream();
        CarIndex.multihashSorted(entries).writeTo(index);
        channel.position(start + header.indexOffset());
        out.write(index.toByteArray());
        long end = channel.position();
        channel.position(start + CarV2Header.PRAGMA.length);
        out.write(header.encode());
        channel.position(end);
        return header;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!finished) {
                finish();
            }
        } finally {
            channel.close();
        }
    }
}
