/**
 * Storage quotas: how many bytes of pinned DAGs an account keeps ({@link dev.cairn.quota.Usage}),
 * the most it may keep ({@code accounts.quota_bytes}), and the measurement of a root's DAG size
 * (cached by root CID, since the DAG under a CID never changes).
 *
 * <p>Usage of an account = the sum, over the distinct root CIDs of its pin requests in status
 * {@code pinned}, of the bytes of the distinct blocks under each root. A root pinned twice by one
 * account counts once; a block shared by two of its roots counts under each; another account's
 * pins of the same content count for that account too (quotas are what an account asks the node
 * to keep, not a split of the disk).
 *
 * <p>Imports the metadata database and the block store's read side; never HTTP, the CLI or the
 * composition root. Enforcement happens in the writers, through one
 * {@link dev.cairn.quota.QuotaReservations} per node: the bytes that uploads and pin fetches have in
 * flight count against the quota with those already kept.
 */
package dev.cairn.quota;
