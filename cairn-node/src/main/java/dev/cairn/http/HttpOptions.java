package dev.cairn.http;

/**
 * Limits of one listener.
 *
 * @param maxBodyBytes largest request body a route reads whole ({@link HttpRequests#body}); a
 *     larger declared {@code Content-Length} is refused with 413 before the handler runs
 * @param guard runs around every routed request ({@link RequestGuard#NONE} for none)
 */
public record HttpOptions(long maxBodyBytes, RequestGuard guard) {
    /** 1 MiB: far above any Pinning Service API body (a pin with 20 origins and 1000 meta keys). */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    public HttpOptions {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0, got " + maxBodyBytes);
        }
        if (guard == null) {
            throw new IllegalArgumentException("guard must not be null (RequestGuard.NONE for none)");
        }
    }

    public HttpOptions(long maxBodyBytes) {
        this(maxBodyBytes, RequestGuard.NONE);
    }

    /** These options with {@code guard} around every routed request. */
    public HttpOptions withGuard(RequestGuard guard) {
        return new HttpOptions(maxBodyBytes, guard);
    }

    public static HttpOptions defaults() {
        return new HttpOptions(DEFAULT_MAX_BODY_BYTES);
    }
}
