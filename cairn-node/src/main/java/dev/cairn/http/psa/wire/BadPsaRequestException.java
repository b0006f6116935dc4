package dev.cairn.http.psa.wire;

/**
 * A Pinning Service API request that breaks the spec or one of our limits; the surface answers
 * 400 with a {@code Failure} whose {@code details} is this message (which names the parameter or
 * field, e.g. {@code "limit must be between 1 and 1000, got 0"}).
 */
public final class BadPsaRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadPsaRequestException(String message) {
        super(message);
    }

    public BadPsaRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
