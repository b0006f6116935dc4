package dev.cairn.pin.job;

import java.time.Duration;

/**
 * Exponential back-off between attempts: {@code base} after the first failure, doubled after each
 * further one, never more than {@code max}. No jitter: with one database deciding when a job is
 * runnable, retries of many jobs do not stampede one origin the way independent clients would.
 */
public record Backoff(Duration base, Duration max) {
    /** The wait after attempt number {@code attempt} (1-based) failed. */
    public Duration after(int attempt) {
        long ms = base.toMillis();
        for (int i = 1; i < attempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
