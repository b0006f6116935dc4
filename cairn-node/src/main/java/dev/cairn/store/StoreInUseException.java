package dev.cairn.store;

/** Another process (or another store object) already has this data directory open. */
public final class StoreInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreInUseException(String message) {
        super(message);
    }
}
