package dev.cairn.store.pack;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Varint;
import dev.cairn.store.Compaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites packs whose live share is low, so the bytes of deleted blocks leave the disk.
 *
 * <p>Design note, the order that keeps every crash point harmless (the same rule as
 * {@link PackWriter}: no row names a file before the file is durable, and a file no row names is
 * garbage that {@link PackRecovery} deletes at the next open):
 * <ol>
 *   <li>copy the live blocks of a batch of old packs into new packs, each block read positionally
 *       and verified against its multihash (a block that does not verify stays where it is);
 *   <li>flush and fsync the new packs, then their directories;
 *   <li>one transaction: insert the new pack rows, switch the moved blocks' rows, drop the rows of
 *       old packs left with no block;
 *   <li>only then delete the old files.
 * </ol>
 * A crash before 3 commits leaves new files without rows; a crash after it leaves old files
 * without rows: recovery deletes both. Either way every block is readable at exactly one place.
 *
 * <p>Readers racing step 4 (a lookup answered the old location, then the file went away) are
 * handled by {@link PackBlockStore#get}, which looks the block up again when its pack is missing;
 * that was chosen over deferring the deletion (reference counts on packs, or a grace period)
 * because a retry costs one index lookup on a rare path, while deferral would put bookkeeping on
 * every read and keep disk space busy for a time no one can bound. Writers are not affected at all:
 * a block never leaves the index, so an ingest that found it present may still rely on it.
 *
 * <p>Work is done in batches of old packs whose live bytes fill about one new pack, each committed
 * on its own: the extra disk a compaction needs is one pack, and a crash loses one batch of work.
 * Packs whose blocks are all live are never rewritten (a freshly compacted pack is one of them), so
 * compaction does not rewrite the same bytes over and over.
 * One compaction runs at a time per store (the caller serializes).
 */
final class PackCompactor {
    private static final Logger LOG = LoggerFactory.getLogger(PackCompactor.class);
    private static final SecureRandom IDS = new SecureRandom();
    /**
     * At most this many blocks per batch (unless one old pack alone holds more): the moves wait in
     * memory until the commit, about 100 bytes each, as a writer's index entries do.
     */
    private static final long BATCH_BLOCKS = 200_000;

    /** Points between the steps where tests stop (crash or fail) a compaction. */
    enum Step {
        /** A block was appended to a new pack. */
        APPENDED,
        /** The new packs of a batch are durable, their rows not committed yet. */
        SEALED,
        /** The rows moved; the old files are not deleted yet. */
        COMMITTED,
        /** One old file was deleted. */
        DELETED
    }

    /** Test seam: called at every {@link Step}; production passes {@link #NONE}. */
    @FunctionalInterface
    interface Steps {
        void reached(Step step);
    }

    static final Steps NONE = step -> { };

    private final Path packsDir;
    private final PackOptions options;
    private final PackIndex index;
    private final PackReader reader;
    private final Steps steps;

    PackCompactor(Path packsDir, PackOptions options, PackIndex index, PackReader reader, Steps steps) {
        this.packsDir = packsDir;
        this.options = options;
        this.index = index;
        this.reader = reader;
        this.steps = steps;
    }

    Compaction run(double liveBelow) {
        List<PackIndex.Candidate> candidates = index.compactable(liveBelow);
        Compaction total = Compaction.NONE;
        int i = 0;
        while (i < candidates.size()) {
            List<PackIndex.Candidate> batch = new ArrayList<>();
            long planned = 0;
            long blocks = 0;
            while (i < candidates.size() && (batch.isEmpty()
                    || (planned + candidates.get(i).liveBytes() <= options.packSize()
                        && blocks + candidates.get(i).liveBlocks() <= BATCH_BLOCKS))) {
                planned += candidates.get(i).liveBytes();
                blocks += candidates.get(i).liveBlocks();
                batch.add(candidates.get(i++));
            }
            total = total.plus(compact(batch));
        }
        if (total.packsCompacted() > 0 || total.corruptBlocks() > 0) {
            LOG.info("compaction: {} packs rewritten into {} ({} blocks moved), {} bytes reclaimed, {} corrupt blocks "
                    + "left in place", total.packsCompacted(), total.packsWritten(), total.blocksMoved(),
                    total.bytesReclaimed(), total.corruptBlocks());
        }
        return total;
    }

    private Compaction compact(List<PackIndex.Candidate> batch) {
        Output out = new Output();
        List<PackIndex.Move> moves = new ArrayList<>();
        long corrupt = 0;
        try {
            for (PackIndex.Candidate source : batch) {
                for (PackIndex.Entry e : index.live(source.id())) {
                    byte[] data = reader.read(source.id(), e.offset(), e.size());
                    if (!e.multihash().matches(data)) {
                        corrupt++;
                        LOG.error("block {} at offset {} of pack {} does not match its hash; left in place",
                                e.multihash(), e.offset(), PackFormat.path(packsDir, source.id()));
                        continue;
                    }
                    long offset = out.append(Cid.v1(e.codec(), e.multihash()), data);
                    moves.add(new PackIndex.Move(e.multihash(), source.id(), out.current.id, offset));
                    steps.reached(Step.APPENDED);
                }
            }
            out.seal();
            steps.reached(Step.SEALED);
        } catch (IOException e) {
            out.discard();
            throw new UncheckedIOException("compaction could not write a new pack: " + e, e);
        } catch (RuntimeException | Error e) {
            out.discard();
            throw e;
        }
        PackIndex.Relocated relocated;
        try {
            relocated = index.relocate(out.finished, moves, batch.stream().map(PackIndex.Candidate::id).toList());
        } catch (RuntimeException | Error e) {
            // Normally rolled back, so no row names the new files; if the commit went through
            // after all (an error past it), the files are live and must stay.
            if (!committed(out.finished)) {
                out.discard();
            }
            throw e;
        }
        steps.reached(Step.COMMITTED);
        long removed = 0;
        long compacted = 0;
        long writtenBytes = 0;
        long written = 0;
        for (PackIndex.PackRow p : out.finished) {
            if (!relocated.emptiedPacks().contains(p.id())) {
                writtenBytes += p.size();
                written++;
            }
        }
        for (long pack : relocated.emptiedPacks()) {
            Path file = PackFormat.path(packsDir, pack);
            long size = batch.stream().filter(c -> c.id() == pack).mapToLong(PackIndex.Candidate::size).findFirst()
                    .orElse(0);
            reader.forget(pack);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete compacted pack {} (recovery will at the next open): {}", file, e.toString());
            }
            // Again: a reader may have reopened the file between the first forget and the delete;
            // its channel would keep the deleted file's space in use until evicted.
            reader.forget(pack);
            if (size > 0) {
                compacted++;
                removed += size;
            }
            steps.reached(Step.DELETED);
        }
        return new Compaction(compacted, written, relocated.moved(), removed, writtenBytes, corrupt);
    }

    private boolean committed(List<PackIndex.PackRow> written) {
        try {
            var rows = index.packs();
            return written.stream().anyMatch(p -> rows.containsKey(p.id()));
        } catch (RuntimeException e) {
            return true; // cannot tell: keep the files, recovery decides at the next open
        }
    }

    /** The new packs of one batch: CARv1 files written like {@link PackWriter} writes them. */
    private final class Output {
        final List<PackIndex.PackRow> finished = new ArrayList<>();
        final Set<Path> files = new LinkedHashSet<>();
        NewPack current;

        /** Appends one section and returns where the block bytes start. */
        long append(Cid cid, byte[] data) throws IOException {
            byte[] cidBytes = cid.bytes();
            long sectionLength = (long) cidBytes.length + data.length;
            byte[] prefix = Varint.encode(sectionLength);
            if (current == null || (current.blocks > 0
                    && current.size + prefix.length + sectionLength > options.packSize())) {
                roll();
            }
            long offset = current.size + prefix.length + cidBytes.length;
            current.write(prefix);
            current.write(cidBytes);
            current.write(data);
            current.blocks++;
            return offset;
        }

        private void roll() throws IOException {
            closeCurrent();
            for (int tries = 0; ; tries++) {
                long id = IDS.nextLong() & Long.MAX_VALUE;
                if (id == 0) {
                    continue;
                }
                Path path = PackFormat.path(packsDir, id);
                Files.createDirectories(path.getParent());
                try {
                    FileChannel ch = options.files().open(path, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    files.add(path);
                    current = new NewPack(id, ch);
                    current.write(PackFormat.HEADER);
                    return;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (tries > 8) {
                        throw e;
                    }
                }
            }
        }

        private void closeCurrent() throws IOException {
            if (current != null) {
                current.seal();
                finished.add(new PackIndex.PackRow(current.id, current.size, current.blocks));
                current = null;
            }
        }

        /** Flush and fsync every new pack, then the directories naming them. */
        void seal() throws IOException {
            closeCurrent();
            if (!options.fsync() || files.isEmpty()) {
                return;
            }
            Set<Path> dirs = new LinkedHashSet<>();
            files.forEach(f -> dirs.add(f.getParent()));
            dirs.add(packsDir);
            for (Path dir : dirs) {
                try (FileChannel ch = options.files().open(dir, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }
        }

        /** Deletes the new files; what cannot be deleted now, recovery deletes (no row names it). */
        void discard() {
            if (current != null) {
                try {
                    current.channel.close();
                } catch (IOException ignored) {
                    // deleted next
                }
                current = null;
            }
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.warn("could not delete unfinished compaction pack {}: {}", f, e.toString());
                }
            }
        }
    }

    /** A new pack being appended through a heap buffer. */
    private final class NewPack {
        private static final int BUFFER = 1024 * 1024;
        final long id;
        final FileChannel channel;
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long size;
        long blocks;

        NewPack(long id, FileChannel channel) {
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

        private void flush() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        void seal() throws IOException {
            try (channel) {
                flush();
                if (options.fsync()) {
                    channel.force(true);
                }
            }
        }
    }
}
