/**
 * The DAG-JSON codec (ipld.io/specs/codecs/dag-json/spec): the IPLD data model as JSON, with
 * links as {@code {"/": "<cid>"}} and bytes as {@code {"/": {"bytes": "<base64, no padding>"}}}.
 * Values are the same plain Java objects as {@link dev.cairn.dagcbor.DagCbor}'s, so a block
 * converts between the two codecs through them ({@code dag/get}, {@code dag/put}).
 *
 * <p>Encoding is canonical: no whitespace, map keys sorted bytewise by their UTF-8 form (the spec's
 * rule, unlike DAG-CBOR's length-first order), numbers written as JavaScript writes them (the
 * reference encoder is {@code @ipld/dag-json}), floats always with a {@code .} or exponent so they
 * stay floats. Decoding accepts whitespace and any key order but rejects duplicate keys, NaN and
 * infinities (overflowing numbers), lone surrogates, invalid UTF-8 and nesting deeper than
 * {@link dev.cairn.dagjson.DagJson#MAX_DEPTH}; every failure is a
 * {@link dev.cairn.multiformats.CodecException}.
 *
 * <p>Depends on {@code dev.cairn.cid} and {@code dev.cairn.multiformats} only.
 */
package dev.cairn.dagjson;
