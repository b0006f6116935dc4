/**
 * Garbage collection of blocks: mark everything reachable from live pin requests
 * ({@link dev.cairn.gc.LivePins}, implemented by the pin repository), sweep the rest from the block
 * index, while uploads and pin jobs keep writing ({@link dev.cairn.gc.GcBarrier} is the contract
 * between them and the sweep), then let the store compact packs left mostly dead
 * ({@link dev.cairn.store.BlockStore#compact}) and the pin repository purge old tombstones, as
 * {@link dev.cairn.gc.GcPolicy} says. Run once by {@code cairn gc}, periodically inside
 * {@code cairn serve} by {@link dev.cairn.gc.GcScheduler}. {@link dev.cairn.gc.BlockRemover} is a
 * collection limited to chosen blocks (the Kubo RPC's {@code block/rm}), under the same barrier rules.
 *
 * <p>Depends on the block store port and cairn-core codecs only: never on a store implementation,
 * the database, the pin repository's implementation, or HTTP.
 */
package dev.cairn.gc;
