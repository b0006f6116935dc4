package dev.cairn.http;

/** A listener could not bind its address (in use, not local, no permission); the message names it. */
public final class ListenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
