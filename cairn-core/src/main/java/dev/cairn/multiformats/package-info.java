/**
 * Multiformats: unsigned varints, multibase, multihash and the multicodec table.
 *
 * <p>Owns the self-describing primitives every other codec stands on. Imports nothing outside
 * {@code java.base}. Every parser here throws {@link dev.cairn.multiformats.CodecException} (or a
 * subtype) on malformed input and nothing else; property tests hold it to that.
 */
package dev.cairn.multiformats;
