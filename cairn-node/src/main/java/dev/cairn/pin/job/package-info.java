/**
 * Durable pin jobs: one row per pin request to fetch, with a state, attempts, a lease (owner node,
 * expiry), progress and a next-attempt time. Workers (virtual threads) claim jobs fairly across
 * accounts, fetch the DAG through {@link dev.cairn.fetch.DagFetcher}, and report through
 * {@link dev.cairn.pin.PinLifecycle}. A restart, or another node after a lease expires, resumes a job.
 *
 * <p>{@link dev.cairn.pin.job.JobQueue} is the pin repository's side (enqueue and cancel inside
 * its transactions); {@link dev.cairn.pin.job.JdbcJobQueue} implements it on the metadata database
 * and adds the workers' side (claim, heartbeat, done, retry, fail, release), whose SQL is written
 * so PostgreSQL can claim with {@code FOR UPDATE SKIP LOCKED}. {@link dev.cairn.pin.job.PinWorkers}
 * is the start/stop service; each job runs as an ingest of {@link dev.cairn.gc.GcBarrier}, so a
 * garbage collection running meanwhile never takes a block the job relies on. Time comes from
 * {@link dev.cairn.pin.job.JobClock}. Depends on ports (block store, fetch, pin lifecycle), never
 * on a store implementation or HTTP.
 */
package dev.cairn.pin.job;
