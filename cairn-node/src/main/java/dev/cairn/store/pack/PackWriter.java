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
                FileChannel ch = options.files().open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                files.add(path);
                current = new OpenPack(id, ch);
                current.write(PackFormat.HEADER);
                return;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (tries > 8) {
                    throw e;
                }
            }
        }
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

    /** The pack being appended: a write buffer over a channel, and the logical size. */
    private final class OpenPack {
        final long id;
        final FileChannel channel;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long size;
        long blocks;
        private long syncRequestedAt;
        private java.util.concurrent.FutureTask<Void> pendingSync;

        OpenPack(long id, FileChannel channel) {
            this.id = id;
            this.channel = channel;
        }

        void write(byte[] b) throws IOException {
            if (b.length > buffer.remaining()) {
                flush();
            }
            if (b.length > buffer.capacity()) {
                writeFully(ByteBuffer.wrap(b));
            } else {
                buffer.put(b);
            }
            size += b.length;
        }

        void flush() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
            startEarlySync();
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
            if (pendingSync == null) {
                return;
            }
            try {
                pendingSync.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while syncing a pack");
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("early pack sync failed: " + e.getCause(), e.getCause());
            } finally {
                pendingSync = null;
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
                flush();
                awaitEarlySync();
                if (options.fsync()) {
                    channel.force(true);
                }
            }
        }

        void closeQuietly() {
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
