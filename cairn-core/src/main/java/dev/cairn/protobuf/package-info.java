/**
 * The few protobuf wire-format primitives dag-pb, UnixFS and (later) IPNS and libp2p messages need:
 * varint, length-delimited and fixed32/64 fields. No schema compiler, no reflection.
 */
package dev.cairn.protobuf;
