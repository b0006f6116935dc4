package dev.cairn.fetch;

/**
 * A snapshot of a running fetch, reported after every verified block (callers throttle).
 *
 * @param blocksFetched verified blocks received from sources so far
 * @param bytesFetched  their bytes
 * @param blocksPresent blocks of the DAG found already stored (not fetched)
 * @param dagSize       total DAG bytes when known (the root's cumulative size), else -1
 * @param details       what is happening, in words ("fetching from https://...", "walking the DAG")
 */
public record FetchProgress(long blocksFetched, long bytesFetched, long blocksPresent, long dagSize, String details) {}
