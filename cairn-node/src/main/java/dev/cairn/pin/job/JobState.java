package dev.cairn.pin.job;

import java.util.Locale;

/** Where a job is; stored as the lower-case name in {@code pin_jobs.state}. */
public enum JobState {
    /** Waiting; runnable once {@code run_at} has passed (creation, or the end of a back-off). */
    QUEUED,
    /** Leased by a node until {@code run_at}; runnable again by anyone once the lease expired. */
    RUNNING,
    DONE,
    FAILED,
    /** The request was deleted or replaced. */
    CANCELLED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobState fromColumn(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
