package dev.cairn.pin.job;

import dev.cairn.fetch.FetchProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pin's {@code info} while its job runs and once it is done: strings only (the PSA schema
 * says so), {@code status_details} in words, counters as decimal strings.
 */
final class JobInfo {
    static final String STATUS_DETAILS = "status_details";
    static final String BLOCKS_FETCHED = "blocks_fetched";
    static final String BYTES_FETCHED = "bytes_fetched";
    static final String BLOCKS_PRESENT = "blocks_present";
    static final String DAG_SIZE = "dag_size";
    static final String ATTEMPT = "attempt";

    private JobInfo() {}

    static Map<String, String> of(Job job, int maxAttempts, FetchProgress p, String details) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(STATUS_DETAILS, details);
        info.put(ATTEMPT, job.attempt() + " of " + maxAttempts);
        if (p != null) {
            info.put(BLOCKS_FETCHED, Long.toString(p.blocksFetched()));
            info.put(BYTES_FETCHED, Long.toString(p.bytesFetched()));
            info.put(BLOCKS_PRESENT, Long.toString(p.blocksPresent()));
            if (p.dagSize() >= 0) {
                info.put(DAG_SIZE, Long.toString(p.dagSize()));
            }
        }
        return info;
    }

    /** Words for a running fetch: the fetcher's own, or a summary when it gave none. */
    static String running(FetchProgress p) {
        if (p.details() != null && !p.details().isBlank()) {
            return p.details();
        }
        return "fetching: " + p.blocksFetched() + " blocks (" + p.bytesFetched() + " bytes) fetched, "
                + p.blocksPresent() + " already stored";
    }

    static String pinned(FetchProgress p) {
        return p.blocksFetched() == 0
                ? "pinned: every block (" + p.blocksPresent() + ") was already stored"
                : "pinned: " + p.blocksFetched() + " blocks (" + p.bytesFetched() + " bytes) fetched, "
                        + p.blocksPresent() + " already stored";
    }
}
