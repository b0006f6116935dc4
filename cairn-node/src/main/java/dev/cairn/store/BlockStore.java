package dev.cairn.store;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multihash;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Verified blocks keyed by multihash: a CIDv0 and a CIDv1 (of any codec) with the same multihash
 * name the same stored bytes. Identity CIDs are never stored; they are answered from the CID.
 *
 * <p>Reads are safe from any number of threads and never wait for writers. Blocks appear only
 * when a {@link BlockWriter} commits, all of that writer's blocks at once.
 *
 * <p>Errors: an unreadable but indexed block is a {@link java.io.UncheckedIOException} (a gateway
 * answers 500/502, never a 404); a closed store throws {@link IllegalStateException}.
 */
public interface BlockStore extends BlockSource, AutoCloseable {

    /** The bytes of {@code cid}, or empty when no committed writer stored its multihash. */
    @Override
    Optional<byte[]> get(Cid cid);

    /**
     * The same bytes as {@link #get}, read-only and possibly not on the heap: the pack store lends
     * a slice of its memory-mapped pack file, so a gateway sends a block from the page cache
     * without copying it into Java first. Stores without such a path copy ({@code get}).
     */
    @Override
    default Optional<ByteBuffer> view(Cid cid) {
        return BlockSource.super.view(cid);
    }

    /** True when {@link #get} would return bytes, without reading them. */
    boolean has(Cid cid);

    /** Size and location of the block, or empty when it is not stored. */
    Optional<BlockStat> stat(Cid cid);

    /**
     * Starts one ingest (an upload or a pin job). Several writers may be open at once, from
     * different threads; each is used by one producer.
     */
    BlockWriter writer();

    /**
     * Visits every stored multihash in ascending byte order. Works page by page, so blocks committed
     * or deleted during the walk may or may not be seen; {@code visitor} may call this store.
     */
    void forEachMultihash(Consumer<? super Multihash> visitor);

    /**
     * Forgets the given blocks (GC's sweep): afterwards {@code get} answers empty for them. Space is
     * reclaimed here only for containers left with no live block; the rest waits for
     * {@link #compact}. Unknown and identity multihashes are ignored.
     *
     * @return how many blocks were removed
     */
    long delete(Collection<Multihash> multihashes);

    /**
     * Gives back the space of deleted blocks: every container (pack) whose live bytes are below
     * {@code liveBelow} (a fraction of its size, 0 to 1) has its live blocks copied, verified, into
     * new containers and is then removed. Blocks never disappear: readers, writers and
     * {@link #has} see every stored block throughout, at its old or its new location. Stores with
     * nothing to compact do nothing.
     *
     * @throws IllegalArgumentException when {@code liveBelow} is not within 0 to 1
     */
    default Compaction compact(double liveBelow) {
        Compaction.checkFraction(liveBelow);
        return Compaction.NONE;
    }

    /** Count and total size of the stored blocks. */
    StoreStats stats();

    /** Releases files and connections; the database passed in is not closed. */
    @Override
    void close();
}
