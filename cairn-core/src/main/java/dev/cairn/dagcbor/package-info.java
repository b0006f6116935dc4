/**
 * The DAG-CBOR subset Cairn needs (ipld specs/codecs/dag-cbor/spec.md): CAR headers, IPNS records
 * and link extraction from dag-cbor blocks.
 *
 * <p>Values are plain Java objects: {@code Map<String,Object>} (insertion-ordered, which after a
 * decode is the canonical order), {@code List<Object>}, {@code String}, {@code byte[]},
 * {@code Long} (or {@code BigInteger} outside the long range), {@code Boolean}, {@code null},
 * {@code Double} and {@link dev.cairn.cid.Cid} for tag 42. The decoder is strict, so that one
 * value has one byte form and a CID computed over re-encoded bytes matches: no indefinite lengths,
 * minimal integer heads, 64-bit floats only, string keys sorted length-first, no duplicates, only
 * tag 42. Declared lengths are checked against the remaining input before anything is allocated.
 *
 * <p>Depends on {@code dev.cairn.cid} and {@code dev.cairn.multiformats} only.
 */
package dev.cairn.dagcbor;
