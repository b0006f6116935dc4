package dev.cairn.fetch;

/**
 * A DAG could not be fetched completely. The message is written for users: it becomes the
 * failed pin's {@code info.status_details} (e.g. "no source had block bafy... within 60 s of
 * inactivity; tried: https://a (404), https://b (sent a block that did not match its CID)").
 */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public FetchException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public FetchException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** False when retrying cannot help (e.g. an unsupported hash); true for timeouts and source errors. */
    public boolean retryable() {
        return retryable;
    }
}
