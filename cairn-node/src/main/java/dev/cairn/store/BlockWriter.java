package dev.cairn.store;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.db.TransactionWork;

/**
 * One ingest's write side. Blocks put here are invisible to readers until {@link #commit}, then
 * all of them become visible together; {@link #abort}, {@link #close} without commit, or a crash
 * leave nothing visible.
 *
 * <p>A writer is used by one producer at a time (puts from several threads are serialized).
 * After commit or abort every method but {@code close} throws {@link IllegalStateException}.
 */
public interface BlockWriter extends BlockSink, AutoCloseable {

    /**
     * Verifies the block against its CID and appends it. Identity CIDs are ignored; a multihash the
     * store already holds (or this writer already took) is not written again.
     *
     * @throws dev.cairn.block.BlockMismatchException when the bytes do not hash to the CID (nothing
     *     is written)
     * @throws dev.cairn.multiformats.UnsupportedHashException when the CID's hash function is not
     *     one Cairn verifies
     * @throws dev.cairn.multiformats.CodecException when the block exceeds
     *     {@link Block#MAX_SIZE}
     * @throws java.io.UncheckedIOException when the bytes cannot be written (disk full, I/O error);
     *     the writer is then aborted
     */
    @Override
    void put(Block block);

    /** Makes every block put so far durable and visible. Same as {@code commit(TransactionWork.NONE)}. */
    default void commit() {
        commit(TransactionWork.NONE);
    }

    /**
     * Makes every block durable and visible, running {@code extra} in the same database transaction
     * as the index rows: the pin row of an upload commits with its blocks or not at all. When
     * {@code extra} or the commit fails, nothing becomes visible and the writer is aborted.
     *
     * @throws java.io.UncheckedIOException when the data cannot be made durable
     * @throws dev.cairn.db.DatabaseException when the index transaction fails
     */
    void commit(TransactionWork extra);

    /** Discards everything put so far. Safe to call more than once. */
    void abort();

    /** Blocks and bytes this writer has appended so far (skipped duplicates excluded). */
    StoreStats written();

    /** Aborts unless committed. */
    @Override
    void close();
}
