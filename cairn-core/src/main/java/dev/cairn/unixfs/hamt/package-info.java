/**
 * UnixFS HAMT sharded directories (unixfs.md "HAMTShard"): bucket arithmetic and bitfields
 * ({@link dev.cairn.unixfs.hamt.HamtBuckets}) and canonical building
 * ({@link dev.cairn.unixfs.hamt.HamtBuilder}); lookup and listing live in {@code unixfs.reader}.
 *
 * <p>Layout facts checked against the Kubo fixture {@code single-layer-hamt-with-multi-block-files.car}:
 * hash = murmur3-x64-64 (h1, big-endian), level k of a 256-way shard uses hash byte k, link names
 * are the upper-case hex bucket followed by the entry name (bare prefix for a sub-shard), and the
 * bitfield is a big-endian integer in which bucket i is bit i.
 *
 * <p>Imports only codecs ({@code cid}, {@code dagpb}, {@code unixfs}, {@code multiformats}); never
 * storage or the importer.
 */
package dev.cairn.unixfs.hamt;
