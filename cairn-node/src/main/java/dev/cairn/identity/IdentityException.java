package dev.cairn.identity;

/** An identity could not be created, read or decoded; the message says which file or field. */
public final class IdentityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
