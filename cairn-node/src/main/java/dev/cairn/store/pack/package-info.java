/**
 * The block store on local pack files: {@link dev.cairn.store.pack.PackBlockStore}.
 *
 * <p>Owns the pack file layout ({@code <data dir>/packs/<xx>/<16 hex id>.car}, each a valid CARv1
 * stream), the block index tables of migration {@code V1__block_index.sql}, crash recovery, and
 * the {@link dev.cairn.store.pack.PackFiles} seam where tests inject I/O faults.
 *
 * <p>Crash-safety rule, the reason for most of the code here: a pack row and its index rows are
 * inserted only after the pack file and its directory are fsynced, and a pack file without a row
 * is garbage deleted at the next open. So at any crash point a block is either fully readable or
 * not visible at all. Compaction ({@code PackCompactor}) follows the same rule: new packs are
 * durable before the rows move to them, old files are deleted only after that commit.
 *
 * <p>Reads come two ways: {@code get} copies a block to the heap with a positional read, and
 * {@code view} lends a read-only slice of the pack's memory mapping (what the gateway sends files
 * from, page cache to socket); see {@code PackReader} for the lifetime of mappings.
 *
 * <p>Imports the store port, {@code dev.cairn.db} and cairn-core; nothing of services or HTTP. Does
 * not use {@code dev.cairn.car}: the few lines of CAR framing needed live in {@code PackFormat}.
 */
package dev.cairn.store.pack;
