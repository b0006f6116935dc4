package dev.cairn.store.pack;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Positional reads from committed packs through a bounded cache of open channels.
 *
 * <p>Design note. Readers share channels and use {@link FileChannel#read(ByteBuffer, long)},
 * which has no position state, so there is no lock on the read path. Two things can close a
 * channel under a reader: the cache evicting it (over {@code maxOpen}), and <em>any</em> thread
 * being interrupted while it reads (FileChannel is interruptible: an interrupt closes the channel
 * for everyone). Either way the other readers see a {@link ClosedChannelException}, drop the dead
 * channel and retry with a fresh one; only the interrupted thread itself gives up.
 *
 * <p>{@link #view} lends a block without reading it: each pack is mapped read-only once, whole,
 * and the mapping cached beside the channels (at most {@code maxOpen} of them). A view is a slice
 * of that mapping and keeps it alive; mappings are never unmapped by hand, only dropped from the
 * cache (eviction, {@link #forget}, {@link #close}) and left to the garbage collector, so a
 * response still sending from a view never reads unmapped memory. A pack deleted by compaction
 * stays readable through its mapping (its disk space returns once the last view is collected).
 * Packs are written whole before the index names them and never change afterwards, so a mapping
 * taken once stays right; a pack too large for one mapping (2 GiB) is read instead.
 */
final class PackReader implements AutoCloseable {
    private static final int ATTEMPTS = 3;

    private final Path packsDir;
    private final PackFiles files;
    private final int maxOpen;
    private final ConcurrentHashMap<Long, FileChannel> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, MappedByteBuffer> mapped = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PackReader(Path packsDir, PackFiles files, int maxOpen) {
        this.packsDir = packsDir;
        this.files = files;
        this.maxOpen = maxOpen;
    }

    byte[] read(long pack, long offset, int size) {
        for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
            FileChannel ch = channel(pack);
            try {
                return readFully(ch, pack, offset, size);
            } catch (ClosedByInterruptException e) {
                drop(pack, ch);
                throw new UncheckedIOException("interrupted while reading pack " + pack, e);
            } catch (ClosedChannelException e) {
                drop(pack, ch);
                if (closed) {
                    throw new IllegalStateException("block store is closed");
                }
            } catch (IOException e) {
                throw failed(pack, offset, e);
            }
        }
        // Evicted again and again (more hot packs than maxOpen): read through a private channel.
        try (FileChannel ch = openChannel(pack)) {
            return readFully(ch, pack, offset, size);
        } catch (IOException e) {
            throw failed(pack, offset, e);
        }
    }

    /**
     * The block as a read-only buffer (position 0, limit {@code size}) sharing the pack's mapping,
     * or a buffer over a {@link #read} copy when the pack cannot be mapped.
     */
    ByteBuffer view(long pack, long offset, int size) {
        MappedByteBuffer m = mapped.get(pack);
        if (m == null || offset + size > m.capacity()) {
            m = map(pack, offset, size);
            if (m == null) {
                return ByteBuffer.wrap(read(pack, offset, size)).asReadOnlyBuffer();
            }
        }
        return m.slice((int) offset, size);
    }

    /** Maps the whole pack and caches the mapping; null when it is too large to map at once. */
    private MappedByteBuffer map(long pack, long offset, int size) {
        if (closed) {
            throw new IllegalStateException("block store is closed");
        }
        // A private channel: the mapping outlives it, and no cached channel is shared with it.
        try (FileChannel ch = openChannel(pack)) {
            long length = ch.size();
            if (length > Integer.MAX_VALUE) {
                return null;
            }
            if (offset + size > length) {
                throw new EOFException("pack " + PackFormat.path(packsDir, pack) + " ends before the "
                        + size + "-byte block at offset " + offset + " (truncated pack)");
            }
            MappedByteBuffer m;
            try {
                m = ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
            } catch (IOException e) {
                // Out of mappings (vm.max_map_count: evicted ones linger until collected) or of
                // address space: the block is still readable the ordinary way.
                return null;
            }
            mapped.put(pack, m);
            if (mapped.size() > maxOpen) {
                evictOneMappingBesides(pack);
            }
            return m;
        } catch (UnsupportedOperationException e) {
            return null; // a channel that cannot map (a test's decorator): read instead
        } catch (IOException e) {
            throw failed(pack, offset, e);
        }
    }

    /** Drops some other mapping from the cache; views of it keep it mapped until they are collected. */
    private void evictOneMappingBesides(long keep) {
        for (var e : mapped.entrySet()) {
            if (e.getKey() != keep && mapped.remove(e.getKey(), e.getValue())) {
                return;
            }
        }
    }

    private byte[] readFully(FileChannel ch, long pack, long offset, int size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining()) {
            if (ch.read(buf, offset + buf.position()) < 0) {
                throw new EOFException("pack " + PackFormat.path(packsDir, pack) + " ends before the "
                        + size + "-byte block at offset " + offset + " (truncated pack)");
            }
        }
        return buf.array();
    }

    private UncheckedIOException failed(long pack, long offset, IOException e) {
        if (e instanceof ClosedByInterruptException) {
            return new UncheckedIOException("interrupted while reading pack " + pack, e);
        }
        return new UncheckedIOException("cannot read block at offset " + offset + " of pack "
                + PackFormat.path(packsDir, pack) + ": " + e, e);
    }

    private FileChannel openChannel(long pack) {
        Path path = PackFormat.path(packsDir, pack);
        try {
            return files.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("pack file missing: " + path + " (the index points at it)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open pack " + path + ": " + e, e);
        }
    }

    private FileChannel channel(long pack) {
        if (closed) {
            throw new IllegalStateException("block store is closed");
        }
        FileChannel ch = open.get(pack);
        if (ch != null) {
            return ch;
        }
        FileChannel fresh = openChannel(pack);
        FileChannel raced = open.putIfAbsent(pack, fresh);
        if (raced != null) {
            closeQuietly(fresh);
            return raced;
        }
        if (open.size() > maxOpen) {
            evictOneBesides(pack);
        }
        return fresh;
    }

    /** Closes some other channel; which one hardly matters for packs read at random. */
    private void evictOneBesides(long keep) {
        for (var e : open.entrySet()) {
            if (e.getKey() != keep && open.remove(e.getKey(), e.getValue())) {
                closeQuietly(e.getValue());
                return;
            }
        }
    }

    /** Closes the cached channel of a pack being deleted; a reader racing it fails to reopen it. */
    void forget(long pack) {
        mapped.remove(pack);
        FileChannel ch = open.remove(pack);
        if (ch != null) {
            closeQuietly(ch);
        }
    }

    private void drop(long pack, FileChannel ch) {
        open.remove(pack, ch);
        closeQuietly(ch);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // a read-only channel has nothing to flush
        }
    }

    @Override
    public void close() {
        closed = true;
        open.values().forEach(PackReader::closeQuietly);
        open.clear();
        mapped.clear();
    }
}
