/**
 * The HTTP gateway ({@code /ipfs/...}) on the gateway listener: the trustless responses
 * ({@code format=raw|car}), which other nodes and the fetcher pull from, and the path gateway's
 * deserialized UnixFS responses (files, ranges, directories, listings, symlinks). Reads through
 * the {@link dev.cairn.gateway.ContentBackend} port; never imports a store, the database or the
 * composition root.
 */
package dev.cairn.gateway;
