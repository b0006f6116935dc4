/**
 * UnixFS v1 data model (ipfs/specs {@code unixfs.md}): the {@code Data} protobuf carried in dag-pb
 * nodes. The importer ({@code unixfs.importer}), reader ({@code unixfs.reader}) and HAMT
 * ({@code unixfs.hamt}) build on it.
 */
package dev.cairn.unixfs;
