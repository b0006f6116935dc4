package dev.cairn.unixfs.importer;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.multiformats.Varint;
import dev.cairn.unixfs.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The leaves of one file, in order: fixed-size chunks read from the stream, encoded and hashed on
 * a shared worker pool, handed out (and put to the sink) strictly in file order.
 *
 * <p>Design note: the importing thread reads chunks and builds the tree; workers only encode and
 * hash. At most {@link #WINDOW} chunks are in flight, so memory is bounded by
 * {@code WINDOW * chunkSize} whatever the file size, and the sink is only ever called from the
 * importing thread, in DAG order (children before parents). {@link #done()} mirrors boxo's
 * {@code DagBuilderHelper.Done}: it reads ahead to know whether another chunk exists.
 */
final class LeafStream implements AutoCloseable {
    /**
     * Chunks read but not yet handed out: enough to keep every core hashing, capped so that one
     * import of 2 MiB chunks never holds more than 32 MiB however many cores there are.
     */
    static final int WINDOW = Math.min(16, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private static final ExecutorService HASHERS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "cairn-import-hash");
                t.setDaemon(true);
                return t;
            });

    private final InputStream in;
    private final int chunkSize;
    private final boolean rawLeaves;
    private final DataType leafType;
    private final BlockMaker maker;
    private final BlockSink sink;
    private final LongConsumer progress;
    private final ArrayDeque<Future<Encoded>> inFlight = new ArrayDeque<>();
    private boolean eof;

    /**
     * @param leafType {@code FILE} for the balanced layout (a bug boxo keeps), {@code RAW} for trickle
     * @param progress called with the number of file bytes handed out by each {@link #next()}
     */
    LeafStream(InputStream in, ImportOptions options, DataType leafType, BlockMaker maker, BlockSink sink,
               LongConsumer progress) {
        this.in = in;
        this.chunkSize = options.chunkSize();
        this.rawLeaves = options.rawLeaves();
        this.leafType = leafType;
        this.maker = maker;
        this.sink = sink;
        this.progress = progress;
    }

    /** True when the stream has no more bytes. */
    boolean done() throws IOException {
        fill();
        return inFlight.isEmpty();
    }

    /** The next leaf, already put to the sink. Call only when {@link #done()} is false. */
    Leaf next() throws IOException {
        fill();
        Future<Encoded> f = inFlight.poll();
        if (f == null) {
            throw new IllegalStateException("no more chunks");
        }
        Encoded e = await(f);
        sink.put(e.block);
        progress.accept(e.fileBytes);
        return new Leaf(e.block.cid(), e.block.size(), e.fileBytes);
    }

    /** The leaf of a file with no bytes at all (balanced layout only). */
    Leaf emptyLeaf() {
        Block b = encode(new byte[0]).block;
        sink.put(b);
        return new Leaf(b.cid(), b.size(), 0);
    }

    private void fill() throws IOException {
        while (!eof && inFlight.size() < WINDOW) {
            byte[] chunk = readFull();
            if (chunk.length == 0) {
                eof = true;
                return;
            }
            if (chunk.length < chunkSize) {
                eof = true; // a short chunk only happens at the end of the stream
                if (inFlight.isEmpty()) {
                    // A small file's only chunk: a hand-off to the pool would cost more than the hash.
                    inFlight.add(java.util.concurrent.CompletableFuture.completedFuture(encode(chunk)));
                    return;
                }
            }
            inFlight.add(HASHERS.submit(() -> encode(chunk)));
        }
    }

    /**
     * Go's {@code io.ReadFull} into a fresh chunk: full unless the stream ends first. The first
     * chunk of a stream starts small and grows, so that importing many small files does not
     * allocate (and zero) a whole chunk per file.
     */
    private byte[] readFull() throws IOException {
        byte[] buf = new byte[firstChunk ? Math.min(chunkSize, FIRST_READ) : chunkSize];
        firstChunk = false;
        int n = 0;
        while (n < chunkSize) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(chunkSize, 4L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n == buf.length ? buf : Arrays.copyOf(buf, n);
            }
            n += r;
        }
        return buf;
    }

    private static final int FIRST_READ = 16 * 1024;
    private boolean firstChunk = true;

    private Encoded encode(byte[] chunk) {
        if (rawLeaves) {
            return new Encoded(maker.raw(chunk), chunk.length);
        }
        return new Encoded(maker.dagPb(dagPbLeaf(leafType, chunk)), chunk.length);
    }

    /**
     * {@code PBNode{Data: UnixFS{Type, Data, filesize}}} written in one pass: the same bytes as
     * {@code DagPb.encode(new PbNode(List.of(), UnixfsData(...).encode()))} without three copies of
     * the chunk. An empty chunk has no Data field (boxo passes a nil slice).
     */
    static byte[] dagPbLeaf(DataType type, byte[] chunk) {
        int n = chunk.length;
        int inner = 2 + (n == 0 ? 0 : 1 + Varint.size(n) + n) + 1 + Varint.size(n);
        byte[] out = new byte[1 + Varint.size(inner) + inner];
        int o = 0;
        out[o++] = 0x0a; // PBNode.Data
        o = Varint.write(inner, out, o);
        out[o++] = 0x08; // Data.Type
        out[o++] = (byte) type.value();
        if (n != 0) {
            out[o++] = 0x12; // Data.Data
            o = Varint.write(n, out, o);
            System.arraycopy(chunk, 0, out, o, n);
            o += n;
        }
        out[o++] = 0x18; // Data.filesize
        Varint.write(n, out, o);
        return out;
    }

    private record Encoded(Block block, int fileBytes) {}

    private static Encoded await(Future<Encoded> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("import interrupted");
        } catch (CancellationException e) {
            throw new IllegalStateException("chunk hashing was cancelled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        for (Future<Encoded> f : inFlight) {
            f.cancel(false);
        }
        inFlight.clear();
    }
}
