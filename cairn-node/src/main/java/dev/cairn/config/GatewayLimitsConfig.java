package dev.cairn.config;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's overload limits, keys of section {@code [gateway]}: what one listener takes on at
 * once and for how long, and how much a {@code Range} header may ask for. Past a limit the gateway
 * answers at once (429, 416) instead of queueing work it cannot bound.
 *
 * @param maxConcurrentRequests requests served at the same time; one more is answered 429 with
 *     {@code Retry-After}
 * @param maxRequestDuration a request still running after this long is ended: a response not yet
 *     started becomes 503, one already streaming is cut off
 * @param maxRanges byte ranges one {@code Range} header may list; more is 416
 * @param maxRangeBytes longest single range (bytes) a request may ask for with an explicit end or
 *     a suffix length; 0 for no limit
 */
public record GatewayLimitsConfig(int maxConcurrentRequests, Duration maxRequestDuration, int maxRanges,
                                  long maxRangeBytes) {
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 2048;
    public static final Duration DEFAULT_MAX_REQUEST_DURATION = Duration.ofHours(1);
    public static final int DEFAULT_MAX_RANGES = 16;
    public static final long DEFAULT_MAX_RANGE_BYTES = 0;

    static final Setting MAX_CONCURRENT_REQUESTS = Setting.integer(GatewayConfig.SECTION, "max-concurrent-requests",
            DEFAULT_MAX_CONCURRENT_REQUESTS,
            "Requests the gateway serves at once; one more is answered 429 Too Many Requests with Retry-After, never queued.");
    static final Setting MAX_REQUEST_DURATION = Setting.string(GatewayConfig.SECTION, "max-request-duration",
            Durations.format(DEFAULT_MAX_REQUEST_DURATION),
            "A gateway request running longer is ended: 503 if nothing was sent yet, else the response is cut off (e.g. 30m, 1h).");
    static final Setting MAX_RANGES = Setting.integer(GatewayConfig.SECTION, "max-ranges", DEFAULT_MAX_RANGES,
            "Byte ranges one Range header may list; more is answered 416 Range Not Satisfiable.");
    static final Setting MAX_RANGE_BYTES = Setting.integer(GatewayConfig.SECTION, "max-range-bytes",
            DEFAULT_MAX_RANGE_BYTES,
            "Longest byte range (explicit end or suffix length) a request may ask for, in bytes; longer is 416. 0: no limit.");
    static final List<Setting> SETTINGS = List.of(MAX_CONCURRENT_REQUESTS, MAX_REQUEST_DURATION, MAX_RANGES,
            MAX_RANGE_BYTES);

    /** The defaults (what most tests use). */
    public static GatewayLimitsConfig defaults() {
        return new GatewayLimitsConfig(DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_REQUEST_DURATION,
                DEFAULT_MAX_RANGES, DEFAULT_MAX_RANGE_BYTES);
    }

    static GatewayLimitsConfig from(ConfigValues values) {
        return new GatewayLimitsConfig(
                intIn(values, MAX_CONCURRENT_REQUESTS, 1, 1_000_000),
                values.parse(MAX_REQUEST_DURATION, text -> Durations.parse(MAX_REQUEST_DURATION.name(), text)),
                intIn(values, MAX_RANGES, 1, 10_000),
                values.integer(MAX_RANGE_BYTES));
    }

    private static int intIn(ConfigValues values, Setting s, int min, int max) {
        long v = values.integer(s);
        if (v < min || v > max) {
            throw new ConfigException(s.name() + " must be between " + min + " and " + max + ", got " + v
                    + " (from " + values.origin(s) + ")");
        }
        return (int) v;
    }

    /** @throws ConfigException naming the first invalid key */
    public GatewayLimitsConfig validate() {
        if (maxConcurrentRequests < 1) {
            throw new ConfigException(MAX_CONCURRENT_REQUESTS.name() + " must be >= 1, got " + maxConcurrentRequests);
        }
        if (maxRequestDuration == null || maxRequestDuration.isZero() || maxRequestDuration.isNegative()) {
            throw new ConfigException(MAX_REQUEST_DURATION.name() + " must be > 0, got "
                    + (maxRequestDuration == null ? "nothing" : Durations.format(maxRequestDuration)));
        }
        if (maxRanges < 1) {
            throw new ConfigException(MAX_RANGES.name() + " must be >= 1, got " + maxRanges);
        }
        if (maxRangeBytes < 0) {
            throw new ConfigException(MAX_RANGE_BYTES.name() + " must be >= 0 (0: no limit), got " + maxRangeBytes);
        }
        return this;
    }

    /** These limits with another concurrency and duration (tests use small ones). */
    public GatewayLimitsConfig withConcurrency(int maxConcurrent, Duration maxDuration) {
        return new GatewayLimitsConfig(maxConcurrent, maxDuration, maxRanges, maxRangeBytes);
    }
}
