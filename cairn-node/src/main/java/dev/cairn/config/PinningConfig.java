package dev.cairn.config;

import java.time.Duration;
import java.util.List;

/**
 * Section {@code [pinning]}: the workers that fetch the DAGs of pin requests. How long a fetch
 * may go without receiving a block is the fetcher's inactivity timeout, not set here.
 *
 * @param workers jobs fetched at once by this node (each on a virtual thread)
 * @param leaseSeconds how long a claimed job stays this node's without a renewal; a node that
 *     dies loses its jobs to other nodes after this long (its own restart takes them back at once)
 * @param maxAttempts attempts before a pin is {@code failed} (a non-retryable error fails at once)
 * @param retryBackoffSeconds wait before the second attempt; doubles for each further attempt
 * @param retryBackoffMaxSeconds the longest wait between attempts
 */
public record PinningConfig(long workers, long leaseSeconds, long maxAttempts, long retryBackoffSeconds,
                            long retryBackoffMaxSeconds) {
    public static final String SECTION = "pinning";

    static final Setting WORKERS = Setting.integer(SECTION, "workers", 8,
            "Pin jobs this node fetches at once, each on a virtual thread.");
    static final Setting LEASE_SECONDS = Setting.integer(SECTION, "lease-seconds", 60,
            "A claimed job stays this node's for this long unless renewed; jobs of a node that died resume elsewhere after it.");
    static final Setting MAX_ATTEMPTS = Setting.integer(SECTION, "max-attempts", 3,
            "Attempts before a pin becomes failed; errors that retrying cannot fix fail at once.");
    static final Setting RETRY_BACKOFF_SECONDS = Setting.integer(SECTION, "retry-backoff-seconds", 5,
            "Wait before the second attempt; doubled for each further attempt.");
    static final Setting RETRY_BACKOFF_MAX_SECONDS = Setting.integer(SECTION, "retry-backoff-max-seconds", 300,
            "The longest wait between two attempts.");
    static final List<Setting> SETTINGS = List.of(WORKERS, LEASE_SECONDS, MAX_ATTEMPTS, RETRY_BACKOFF_SECONDS,
            RETRY_BACKOFF_MAX_SECONDS);

    static PinningConfig from(ConfigValues v) {
        return new PinningConfig(v.integer(WORKERS), v.integer(LEASE_SECONDS), v.integer(MAX_ATTEMPTS),
                v.integer(RETRY_BACKOFF_SECONDS), v.integer(RETRY_BACKOFF_MAX_SECONDS));
    }

    /** The defaults, for tests and embedders. */
    public static PinningConfig defaults() {
        return from(ConfigValues.defaults());
    }

    /** @throws ConfigException naming the first invalid key */
    public PinningConfig validate() {
        between(WORKERS, workers, 1, 10_000);
        between(LEASE_SECONDS, leaseSeconds, 5, 86_400);
        between(MAX_ATTEMPTS, maxAttempts, 1, 1_000);
        between(RETRY_BACKOFF_SECONDS, retryBackoffSeconds, 0, 86_400);
        between(RETRY_BACKOFF_MAX_SECONDS, retryBackoffMaxSeconds, 0, 7 * 86_400L);
        if (retryBackoffMaxSeconds < retryBackoffSeconds) {
            throw new ConfigException(RETRY_BACKOFF_MAX_SECONDS.name() + " must be >= " + RETRY_BACKOFF_SECONDS.name()
                    + " (" + retryBackoffSeconds + "), got " + retryBackoffMaxSeconds);
        }
        return this;
    }

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    public Duration retryBackoff() {
        return Duration.ofSeconds(retryBackoffSeconds);
    }

    public Duration retryBackoffMax() {
        return Duration.ofSeconds(retryBackoffMaxSeconds);
    }

    static void between(Setting s, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(s.name() + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
