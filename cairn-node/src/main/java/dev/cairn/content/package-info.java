/**
 * Content operations every surface shares: adding files and CARs, reading UnixFS files and
 * directories, exporting DAGs as CARs, raw blocks. The CLI uses it today; the Kubo RPC and S3
 * surfaces call the same service. Depends on the block store port and cairn-core codecs, never on
 * a store implementation.
 */
package dev.cairn.content;
