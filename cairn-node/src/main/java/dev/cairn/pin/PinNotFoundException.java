package dev.cairn.pin;

import java.util.UUID;

/** No pin request with this id exists for the asking account (another account's id included). */
public final class PinNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PinNotFoundException(UUID requestId) {
        super("no pin request with requestid " + requestId);
    }
}
