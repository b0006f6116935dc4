/**
 * Content-addressed archives (ipld specs/transport/car): CARv1 streams, the CARv2 wrapper and its
 * indexes (IndexSorted 0x0400, MultihashIndexSorted 0x0401, in go-car's byte layout).
 *
 * <p>{@link dev.cairn.car.CarReader#open} reads either version from a stream one section at a
 * time, verifying every block against its CID and enforcing size limits before allocating;
 * {@link dev.cairn.car.CarWriter} writes CARv1 (Cairn's pack format and its trustless-gateway
 * responses); {@link dev.cairn.car.CarV2Writer} writes an indexed CARv2 to a seekable channel.
 * Malformed input fails with {@link dev.cairn.car.CarException} (a
 * {@link dev.cairn.multiformats.CodecException}); a block whose bytes do not hash to its CID fails
 * with {@link dev.cairn.block.BlockMismatchException}.
 *
 * <p>Depends on {@code cid}, {@code block}, {@code dagcbor} and {@code multiformats}; knows nothing
 * of stores, HTTP or files beyond {@code java.io} streams and channels.
 */
package dev.cairn.car;
