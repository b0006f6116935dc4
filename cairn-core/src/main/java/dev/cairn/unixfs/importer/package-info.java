/**
 * The UnixFS importer: bytes and file trees in, dag-pb/raw blocks out, with the CIDs Kubo's
 * {@code ipfs add} would give for the same {@link dev.cairn.unixfs.importer.ImportOptions}
 * (profiles {@code kubo} and IPIP-499 {@code unixfs-v1-2025}).
 *
 * <p>Ported from boxo {@code ipld/unixfs/importer/{balanced,trickle}}, {@code chunker},
 * {@code ipld/unixfs/io/directory.go} and Kubo {@code core/coreunix/add.go}; the choices that
 * decide CIDs (empty link names on file chunks, {@code Type=File} balanced leaves, the strict
 * {@code >} HAMT threshold) are commented where they are made.
 *
 * <p>Depends on codecs only ({@code block}, {@code cid}, {@code dagpb}, {@code unixfs},
 * {@code unixfs.hamt}); never on storage, HTTP or the reader.
 */
package dev.cairn.unixfs.importer;
