/**
 * The block store port: where verified blocks live, keyed by multihash.
 *
 * <p>Owns {@link dev.cairn.store.BlockStore} (read side, plus the GC operations) and
 * {@link dev.cairn.store.BlockWriter} (one ingest's write side, all-or-nothing on commit), the
 * values they return, and their errors. Implementations are subpackages ({@code store.pack} on
 * local pack files, {@code store.memory} for tests and {@code --only-hash}; {@code store.s3}
 * later). Services and HTTP adapters depend on this package only, never on an implementation.
 *
 * <p>Imports codecs from cairn-core and {@code dev.cairn.db.TransactionWork} (the commit hook),
 * nothing else of the node.
 */
package dev.cairn.store;
