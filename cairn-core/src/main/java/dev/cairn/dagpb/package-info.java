/**
 * DAG-PB (ipld specs/codecs/dag-pb): the protobuf node format UnixFS lives in. Encoding is
 * canonical by default (links first, link fields in order 1-2-3; data-first on request, IPIP-550);
 * decoding is strict and rejects unknown, duplicate or mistyped fields, link fields out of order,
 * links split by Data, links without a hash and hashes that are not CIDs. Depends on
 * {@code cid}, {@code multiformats} and {@code protobuf} only.
 */
package dev.cairn.dagpb;
