/**
 * Reading UnixFS: {@link dev.cairn.unixfs.reader.UnixfsReader} classifies blocks
 * ({@link dev.cairn.unixfs.reader.UnixfsNode}), streams file bytes with random access, names the
 * blocks covering a byte range, lists directories and resolves paths, all over a
 * {@link dev.cairn.block.BlockSource} and fetching only what an answer needs.
 *
 * <p>Owns the UnixFS reading rules of unixfs.md and path-gateway.md (first link wins on duplicate
 * names, symlinks are not followed, {@code ..} never climbs above the root) and refuses DAGs that
 * contradict themselves. Errors are types: {@link dev.cairn.unixfs.reader.PathException} (sealed)
 * for paths, {@link dev.cairn.unixfs.reader.NotAFileException}, and the block package's
 * not-found and the codec exception for data. Must not import storage, HTTP or CAR code; HAMT
 * mechanics live in {@code unixfs.hamt}.
 */
package dev.cairn.unixfs.reader;
