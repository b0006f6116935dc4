/**
 * Durable pin jobs: one row per pin request to fetch, with a state, attempts, a lease (owner node,
 * expiry), progress and a next-attempt time. Workers (virtual threads) claim jobs fairly across
 * accounts, fetch the DAG through {@link dev.cairn.fetch.DagFetcher}, and report through
 * {@link dev.cairn.pin.PinLifecycle}. A restart, or another node after a lease expires, resumes a job.
 */
package dev.cairn.pin.job;
