package dev.cairn.pin;

/**
 * Thrown by a {@link PinLifecycle} to refuse completing a pin whose DAG was fetched (an account
 * over its storage quota): the fetched blocks are not committed, and the pin ends {@code failed}
 * with this message as its {@code status_details}, without further attempts (a retry would
 * fetch the same DAG to be refused again).
 */
public final class PinRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PinRefusedException(String reason) {
        super(reason);
    }
}
