/**
 * UnixFS HAMT sharded directories (unixfs.md "HAMTShard"): bucket arithmetic and bitfields here;
 * building lives in {@code unixfs.importer}, lookup and listing in {@code unixfs.reader}.
 *
 * <p>Layout facts checked against the Kubo fixture {@code single-layer-hamt-with-multi-block-files.car}:
 * hash = murmur3-x64-64 (h1, big-endian), level k of a 256-way shard uses hash byte k, link names
 * are the upper-case hex bucket followed by the entry name (bare prefix for a sub-shard), and the
 * bitfield is a big-endian integer in which bucket i is bit i.
 */
package dev.cairn.unixfs.hamt;
