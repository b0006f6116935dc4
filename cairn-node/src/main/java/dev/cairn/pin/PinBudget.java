package dev.cairn.pin;

/**
 * How many bytes the fetch of one pin may bring in, checked as verified blocks arrive, so that a
 * pin that cannot be kept (its account's storage quota) is stopped early rather than refused after
 * the whole DAG was downloaded. Opened by the pin job before its fetch, closed after the commit
 * that pins the DAG (or after the attempt failed). Used by one thread at a time.
 */
public interface PinBudget extends AutoCloseable {
    /** No limit: the budget of pins whose account has no quota. */
    PinBudget UNLIMITED = new PinBudget() {
        @Override
        public void fetched(long bytes) {
            // nothing to check
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    /**
     * The fetch has brought in {@code bytes} so far (verified blocks, not counting those already
     * stored).
     *
     * @throws PinRefusedException when the pin must stop: the job ends {@code failed} with its
     *     message and no further attempt, and the fetched blocks are not kept
     */
    void fetched(long bytes);

    /** Gives back what the budget held. */
    @Override
    void close();
}
