/**
 * DAG-PB (ipld specs/codecs/dag-pb): the protobuf node format UnixFS lives in. Encoding is
 * canonical (links first, link fields in order 1-2-3); decoding is strict and rejects unknown or
 * duplicate fields, links without a hash and hashes that are not CIDs.
 */
package dev.cairn.dagpb;
