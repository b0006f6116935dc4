package dev.cairn.store.pack;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multihash;
import dev.cairn.store.BlockStat;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.Compaction;
import dev.cairn.store.StoreInUseException;
import dev.cairn.store.StoreStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Blocks in append-only CARv1 pack files under {@code <data dir>/packs/}, indexed by multihash in
 * the metadata database. See the package documentation for the crash-safety rule and
 * {@link PackWriter} for the commit order.
 *
 * <p>One store per data directory: {@link #open} takes an exclusive lock on {@code packs/LOCK}
 * (recovery deletes uncommitted packs, which would destroy another process's ingest in flight).
 *
 * <p>Space of deleted blocks is reclaimed when a whole pack has no live block left (its file is
 * deleted with the index rows); partly live packs are rewritten by {@link #compact} once their live
 * share ({@code packs.live_bytes} of the file size) is low.
 */
public final class PackBlockStore implements BlockStore {
    static final String LOCK_FILE = "LOCK";
    private static final int PAGE = 1000;
    /** Lookups a read repeats when its pack vanished under it (each means another compaction). */
    private static final int MOVED_RETRIES = 4;
    /**
     * Directories this JVM has open. Checked before touching {@code LOCK}: POSIX drops a process's
     * file locks when <em>any</em> of its descriptors of the file closes, so a second open in the
     * same JVM must not even open (and then close) the lock file.
     */
    private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PackBlockStore.class);
    private final Path packsDir;
    private final Path lockKey;
    private final PackOptions options;
    private final PackIndex index;
    private final PackReader reader;
    private final FileChannel lockChannel;
    private final Set<PackWriter> writers = ConcurrentHashMap.newKeySet();
    private final Object compactionLock = new Object();
    private final int orphansDeleted;
    private volatile boolean closed;

    private PackBlockStore(Path packsDir, Path lockKey, PackOptions options, PackIndex index, FileChannel lockChannel,
            int orphans) {
        this.packsDir = packsDir;
        this.lockKey = lockKey;
        this.options = options;
        this.index = index;
        this.lockChannel = lockChannel;
        this.orphansDeleted = orphans;
        this.reader = new PackReader(packsDir, options.files(), options.maxOpenPacks());
    }

    /**
     * Opens the store in {@code dataDir} (creating {@code packs/}), using {@code db}'s block index
     * tables, and recovers from any earlier crash. The database stays owned by the caller.
     *
     * @throws StoreInUseException when another store has the directory open
     * @throws dev.cairn.store.CorruptStoreException when committed packs are missing or truncated
     */
    public static PackBlockStore open(Path dataDir, Database db, PackOptions options) {
        Path packsDir = dataDir.resolve("packs");
        FileChannel lock = null;
        Path key = null;
        try {
            Files.createDirectories(packsDir);
            key = packsDir.toRealPath();
            if (!OPEN_HERE.add(key)) {
                key = null;
                throw new StoreInUseException("the pack directory " + packsDir + " is already open in this process");
            }
            lock = FileChannel.open(packsDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = lock.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null; // a channel not opened by this class holds it; be safe and refuse
            }
            if (held == null) {
                throw new StoreInUseException("the pack directory " + packsDir
                        + " is in use by another Cairn process (or store) on this machine");
            }
            PackIndex index = new PackIndex(db);
            PackRecovery.Report report = PackRecovery.run(packsDir, index.packs());
            return new PackBlockStore(packsDir, key, options, index, lock, report.orphansDeleted());
        } catch (IOException e) {
            release(lock, key);
            throw new UncheckedIOException("cannot open pack directory " + packsDir + ": " + e, e);
        } catch (RuntimeException e) {
            release(lock, key);
            throw e;
        }
    }

    public static PackBlockStore open(Path dataDir, Database db) {
        return open(dataDir, db, PackOptions.defaults());
    }

    /** How many uncommitted pack files recovery deleted when this store opened. */
    public int orphansDeletedAtOpen() {
        return orphansDeleted;
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        checkOpen();
        if (cid.isIdentity()) {
            return Optional.of(cid.multihash().digest());
        }
        return locate(cid, l -> reader.read(l.pack(), l.offset(), l.size()));
    }

    /**
     * A read-only slice of the pack's memory mapping: the block's bytes are not read into the
     * heap, and a gateway sends them to the socket from the page cache. The view stays readable
     * after a compaction or sweep deletes its pack (see {@link PackReader#view}).
     */
    @Override
    public Optional<ByteBuffer> view(Cid cid) {
        checkOpen();
        if (cid.isIdentity()) {
            return Optional.of(ByteBuffer.wrap(cid.multihash().digest()).asReadOnlyBuffer());
        }
        return locate(cid, l -> reader.view(l.pack(), l.offset(), l.size()));
    }

    /** Reads the block where the index puts it, following it when compaction moved it meanwhile. */
    private <T> Optional<T> locate(Cid cid, Function<PackIndex.Location, T> read) {
        Optional<PackIndex.Location> at = index.find(cid.multihash());
        for (int attempt = 1; ; attempt++) {
            if (at.isEmpty()) {
                return Optional.empty();
            }
            PackIndex.Location l = at.get();
            try {
                return Optional.of(read.apply(l));
            } catch (UncheckedIOException e) {
                // Compaction (or a sweep emptying the pack) may have deleted the file after the
                // lookup: the block then lives elsewhere now, or is gone. Only when the index
                // still names the same place is the failure real.
                Optional<PackIndex.Location> again = index.find(cid.multihash());
                if (again.equals(at) || attempt >= MOVED_RETRIES) {
                    throw e;
                }
                at = again;
            }
        }
    }

    @Override
    public boolean has(Cid cid) {
        checkOpen();
        return cid.isIdentity() || index.find(cid.multihash()).isPresent();
    }

    @Override
    public Optional<BlockStat> stat(Cid cid) {
        checkOpen();
        if (cid.isIdentity()) {
            return Optional.of(new BlockStat(cid.multihash().digestLength(), cid.codec(), BlockStat.NO_PACK, 0));
        }
        return index.find(cid.multihash()).map(l -> new BlockStat(l.size(), l.codec(), l.pack(), l.offset()));
    }

    @Override
    public BlockWriter writer() {
        checkOpen();
        PackWriter w = new PackWriter(packsDir, options, index, writers::remove);
        writers.add(w);
        return w;
    }

    @Override
    public void forEachMultihash(Consumer<? super Multihash> visitor) {
        checkOpen();
        Multihash after = null;
        while (true) {
            List<Multihash> page = index.page(after, PAGE);
            page.forEach(visitor);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1);
        }
    }

    @Override
    public long delete(Collection<Multihash> multihashes) {
        checkOpen();
        PackIndex.Deleted deleted = index.delete(multihashes);
        // Whole packs with no live block left are reclaimed at once; packs still partly live wait
        // for compaction (rewriting them, see compact).
        for (long pack : deleted.emptiedPacks()) {
            reader.forget(pack);
            Path file = PackFormat.path(packsDir, pack);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete emptied pack {} (recovery will at the next open): {}", file, e.toString());
            }
        }
        return deleted.blocks();
    }

    /** See {@link PackCompactor} for the crash-safe order and why readers never miss a block. */
    @Override
    public Compaction compact(double liveBelow) {
        return compact(liveBelow, PackCompactor.NONE);
    }

    /** {@link #compact(double)} with a test seam between its steps. */
    Compaction compact(double liveBelow, PackCompactor.Steps steps) {
        Compaction.checkFraction(liveBelow);
        checkOpen();
        if (liveBelow == 0) {
            return Compaction.NONE;
        }
        synchronized (compactionLock) {
            return new PackCompactor(packsDir, options, index, reader, steps).run(liveBelow);
        }
    }

    @Override
    public StoreStats stats() {
        checkOpen();
        return index.stats();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("block store is closed");
        }
    }

    /** Aborts writers still open, closes pack channels and releases the directory lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PackWriter w : new ArrayList<>(writers)) {
            w.abort();
        }
        reader.close();
        release(lockChannel, lockKey);
    }

    private static void release(FileChannel lock, Path key) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // releasing the lock; nothing to save
            }
        }
        if (key != null) {
            OPEN_HERE.remove(key);
        }
    }
}
