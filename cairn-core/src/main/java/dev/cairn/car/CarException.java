package dev.cairn.car;

import dev.cairn.multiformats.CodecException;

/** A CAR stream is malformed, truncated or over a limit. */
public final class CarException extends CodecException {
    private static final long serialVersionUID = 1L;

    public CarException(String message) {
        super(message);
    }

    public CarException(String message, Throwable cause) {
        super(message, cause);
    }

    static CarException truncated(String where, long offset) {
        return new CarException("truncated CAR: stream ended inside " + where + " at byte " + offset);
    }
}
