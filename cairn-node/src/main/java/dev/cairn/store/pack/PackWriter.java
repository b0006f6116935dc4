package dev.cairn.store.pack;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.db.TransactionWork;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.Varint;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One ingest: appends verified blocks to packs of its own and publishes them on commit.
 *
 * <p>Design note, the commit order that makes crashes harmless:
 * <ol>
 *   <li>every pack is flushed and {@code fsync}ed, then its directory and {@code packs/} (so the
 *       file names survive a power cut);
 *   <li>then one database transaction inserts the pack rows, the index rows and the caller's extra
 *       work.
 * </ol>
 * A crash before step 2 commits leaves pack files no row names: recovery deletes them. A failure
 * in either step aborts the writer, which deletes its files. Nothing is read from a pack before
 * its rows exist, so a half-written pack is never visible.
 *
 * <p>Puts are serialized on the writer (hashing happens before the lock, so producers on several
 * threads still verify in parallel). The index entries wait in memory until commit (about 100
 * bytes a block), so a pin job of millions of blocks should commit in batches.
 *
 * <p>A block the index already holds is skipped at put time and not re-checked at commit. Keeping
 * such a block alive until the ingest's pin commits is GC's job (GC must spare blocks newer than
 * its mark phase and those of ingests in flight); see the GC hook in {@code V1__block_index.sql}.
 */
final class PackWriter implements BlockWriter {
    /** Direct, so channel writes copy nothing more; big enough for the largest block (2 MiB). */
    private static final int BUFFER = 4 * 1024 * 1024;
    /** The largest file system block size O_DIRECT is used with; beyond it packs are written buffered. */
    private static final int MAX_ALIGNMENT = 64 * 1024;
    /** How much a pack grows between early (background) syncs. */
    private static final long EARLY_SYNC_BYTES = 32L * 1024 * 1024;
    private static final SecureRandom IDS = new SecureRandom();

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Path packsDir;
    private final PackOptions options;
    private final PackIndex index;
    private final Consumer<PackWriter> onDone;
    private final Set<Multihash> taken = new HashSet<>();
    private final List<PackIndex.Entry> entries = new ArrayList<>();
    private final List<PackIndex.PackRow> finished = new ArrayList<>();
    private final Set<Path> files = new LinkedHashSet<>();
    private OpenPack current;
    private State state = State.OPEN;
    private Throwable abortCause;
    private long bytes;
    /** Cleared when the file system refuses O_DIRECT, so the writer asks only once. */
    private boolean directIo = true;

    PackWriter(Path packsDir, PackOptions options, PackIndex index, Consumer<PackWriter> onDone) {
        this.packsDir = packsDir;
        this.options = options;
        this.index = index;
        this.onDone = onDone;
    }

    @Override
    public void put(Block block) {
        Cid cid = block.cid();
        if (cid.isIdentity()) {
            synchronized (this) {
                checkOpen();
            }
            return;
        }
        if (block.size() > Block.MAX_SIZE) {
            throw new CodecException("block " + cid + " is " + block.size() + " bytes, over the limit of "
                    + Block.MAX_SIZE);
        }
        if (!block.isVerified()) {
            Block.verified(cid, block.data()); // one hash per block: skipped when the producer hashed it
        }
        Multihash mh = cid.multihash();
        synchronized (this) {
            checkOpen();
            if (taken.contains(mh) || index.find(mh).isPresent()) {
                return;
            }
            try {
                append(cid, block.data());
            } catch (IOException | RuntimeException e) {
                abort(e);
                throw e instanceof IOException io
                        ? new UncheckedIOException("cannot write to pack: " + io, io)
                        : (RuntimeException) e;
            }
            taken.add(mh);
        }
    }

    private void append(Cid cid, byte[] data) throws IOException {
        byte[] cidBytes = cid.bytes();
        long sectionLength = (long) cidBytes.length + data.length;
        long total = Varint.size(sectionLength) + sectionLength;
        if (current == null || (current.blocks > 0 && current.size + total > options.packSize())) {
            roll();
        }
        long offset = current.size + Varint.size(sectionLength) + cidBytes.length;
        current.write(Varint.encode(sectionLength));
        current.write(cidBytes);
        current.write(data);
        current.blocks++;
        entries.add(new PackIndex.Entry(cid.multihash(), current.id, offset, data.length, cid.codec()));
        bytes += data.length;
    }

    private void roll() throws IOException {
        if (current != null) {
            current.seal();
            finished.add(new PackIndex.PackRow(current.id, current.size, current.blocks));
            current = null;
        }
        for (int tries = 0; ; tries++) {
            long id = IDS.nextLong() & Long.MAX_VALUE;
            if (id == 0) {
                continue;
            }
            Path path = PackFormat.path(packsDir, id);
            Files.createDirectories(path.getParent());
            try {
                current = create(id, path);
                current.write(PackFormat.HEADER);
                return;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (tries > 8) {
                    throw e;
                }
            }
        }
    }

    /**
     * Opens a new pack for O_DIRECT appends where the file system takes them, else buffered.
     *
     * <p>Why direct I/O: a pack is written once, fsynced, and not read back by this writer, so the
     * page cache only costs. Copying a 1 GiB pin into it took ~2 s of CPU on the 2-core benchmark
     * machine, the pinner's largest single cost (perf: {@code copy_folio_from_iter_atomic}), and the
     * fsync then waited for the writeback of all those dirty pages; with O_DIRECT the device reads
     * the aligned direct buffer itself and the fsync only flushes the device cache (dd of 1 GiB:
     * 0.6-1.0 s with {@code oflag=direct}, 1.5-4.5 s buffered, same run). Durability is unchanged:
     * seal still forces the file and commit its directories before the index rows exist.
     */
    private OpenPack create(long id, Path path) throws IOException {
        if (directIo) {
            FileChannel ch = null;
            try {
                ch = options.files().open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        com.sun.nio.file.ExtendedOpenOption.DIRECT);
                int align = (int) Math.min(Files.getFileStore(path).getBlockSize(), Integer.MAX_VALUE);
                if (align > 0 && align <= MAX_ALIGNMENT && Integer.bitCount(align) == 1) {
                    files.add(path);
                    return new OpenPack(id, ch, align);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw e;
            } catch (IOException | UnsupportedOperationException e) {
                // tmpfs and some network file systems refuse O_DIRECT (EINVAL): write buffered
            }
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(path); // created by us (CREATE_NEW), possibly before the refusal
            directIo = false;
        }
        FileChannel ch = options.files().open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        files.add(path);
        return new OpenPack(id, ch, 0);
    }

    @Override
    public synchronized void commit(TransactionWork extra) {
        checkOpen();
        try {
            if (current != null) {
                current.seal();
                finished.add(new PackIndex.PackRow(current.id, current.size, current.blocks));
                current = null;
            }
            syncDirectories();
        } catch (IOException e) {
            abort(e);
            throw new UncheckedIOException("cannot make pack durable: " + e, e);
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        }
        try {
            index.commit(finished, entries, extra);
        } catch (RuntimeException | Error e) {
            abort(e);
            throw e;
        }
        state = State.COMMITTED;
        entries.clear();
        onDone.accept(this);
    }

    private void syncDirectories() throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : files) {
            dirs.add(f.getParent());
        }
        if (!dirs.isEmpty()) {
            dirs.add(packsDir);
        }
        if (!options.fsync()) {
            return;
        }
        for (Path dir : dirs) {
            try (FileChannel ch = options.files().open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
        }
    }

    @Override
    public synchronized void abort() {
        if (state == State.OPEN) {
            abort(null);
        }
    }

    private void abort(Throwable cause) {
        state = State.ABORTED;
        abortCause = cause;
        if (current != null) {
            current.closeQuietly();
            current = null;
        }
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // left for recovery at the next open: a pack without a row is deleted there
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
        }
        entries.clear();
        onDone.accept(this);
    }

    @Override
    public synchronized StoreStats written() {
        return new StoreStats(taken.size(), bytes);
    }

    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            IllegalStateException e = new IllegalStateException("writer already " + state.name().toLowerCase(java.util.Locale.ROOT));
            if (abortCause != null) {
                e.initCause(abortCause);
            }
            throw e;
        }
    }

    /**
     * The pack being appended: two write buffers over a channel, and the logical size. With
     * O_DIRECT ({@code align > 0}) the buffers are aligned and only whole file system blocks are
     * written; the unaligned tail moves on to the next buffer, and at seal it goes out zero-padded
     * and the padding is truncated away.
     *
     * <p>Why two buffers: a direct write blocks until the device has the bytes (~3 ms per 4 MiB
     * here), and the thread putting blocks is the one reading the network or the upload. A full
     * buffer is written on a background thread while the producer fills the other one, so disk
     * and network overlap instead of taking turns. One write is in flight at a time (file order);
     * its failure surfaces at the next flush or at seal, and aborts the writer as before.
     */
    private final class OpenPack {
        final long id;
        final FileChannel channel;
        final int align;
        private final ByteBuffer[] buffers = new ByteBuffer[2];
        private ByteBuffer buffer;
        long size;
        long blocks;
        private long syncRequestedAt;
        private java.util.concurrent.FutureTask<Void> pendingSync;
        private java.util.concurrent.FutureTask<Void> pendingWrite;

        OpenPack(long id, FileChannel channel, int align) {
            this.id = id;
            this.channel = channel;
            this.align = align;
            buffers[0] = allocate();
            buffer = buffers[0];
        }

        /** The second buffer comes with the first full one: small ingests never need it. */
        private ByteBuffer allocate() {
            return align == 0 ? ByteBuffer.allocateDirect(BUFFER)
                    : ByteBuffer.allocateDirect(BUFFER + align).alignedSlice(align).slice(0, BUFFER);
        }

        void write(byte[] b) throws IOException {
            for (int off = 0; off < b.length; ) {
                if (!buffer.hasRemaining()) {
                    flush(false);
                }
                int n = Math.min(buffer.remaining(), b.length - off);
                buffer.put(b, off, n);
                off += n;
            }
            size += b.length;
        }

        /** Writes the buffer out: all of it when {@code last}, else (direct) its whole blocks. */
        void flush(boolean last) throws IOException {
            int pending = buffer.position();
            int out = pending;
            if (align > 0) {
                int tail = pending % align;
                if (last && tail > 0) {
                    out = pending + align - tail; // BUFFER is a multiple of align: this fits
                    for (int i = pending; i < out; i++) {
                        buffer.put(i, (byte) 0);
                    }
                } else {
                    out = pending - tail;
                }
            }
            ByteBuffer full = buffer;
            awaitWrite(); // the other buffer is free again, and the file ends after its bytes
            if (buffers[1] == null) {
                buffers[1] = allocate();
            }
            buffer = full == buffers[0] ? buffers[1] : buffers[0];
            buffer.clear();
            if (pending > out) {
                buffer.put(0, full, out, pending - out).position(pending - out); // the unaligned tail
            }
            full.position(0).limit(out);
            if (last) {
                writeFully(full);
            } else {
                pendingWrite = new java.util.concurrent.FutureTask<>(() -> {
                    writeFully(full);
                    return null;
                });
                Thread.ofVirtual().name("pack-write").start(pendingWrite);
            }
            startEarlySync();
        }

        private void awaitWrite() throws IOException {
            java.util.concurrent.FutureTask<Void> w = pendingWrite;
            pendingWrite = null;
            await(w, "pack write");
        }

        /**
         * Starts writing dirty pages back while the ingest goes on, every {@link #EARLY_SYNC_BYTES}:
         * the final fsync in {@link #seal} then only waits for the tail, so disk and CPU overlap
         * instead of taking turns. At most one early sync runs at a time; its failure surfaces at seal.
         */
        private void startEarlySync() throws IOException {
            if (!options.fsync() || size - syncRequestedAt < EARLY_SYNC_BYTES) {
                return;
            }
            if (pendingSync != null && !pendingSync.isDone()) {
                return;
            }
            awaitEarlySync();
            syncRequestedAt = size;
            pendingSync = new java.util.concurrent.FutureTask<>(() -> {
                channel.force(false);
                return null;
            });
            Thread.ofVirtual().name("pack-early-sync").start(pendingSync);
        }

        private void awaitEarlySync() throws IOException {
            java.util.concurrent.FutureTask<Void> s = pendingSync;
            pendingSync = null;
            await(s, "early pack sync");
        }

        private static void await(java.util.concurrent.FutureTask<Void> task, String what) throws IOException {
            if (task == null) {
                return;
            }
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a " + what);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(what + " failed: " + e.getCause(), e.getCause());
            }
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** Flush, fsync, close: the file is final. */
        void seal() throws IOException {
            try (channel) {
                flush(true);
                awaitEarlySync();
                if (channel.size() != size) {
                    channel.truncate(size); // the zero padding of the last direct write
                }
                if (options.fsync()) {
                    channel.force(true);
                }
            }
        }

        void closeQuietly() {
            try {
                awaitWrite();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            try {
                awaitEarlySync();
            } catch (IOException ignored) {
                // the file is deleted next
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
        }
    }
}
