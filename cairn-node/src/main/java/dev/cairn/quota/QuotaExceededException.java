package dev.cairn.quota;

/**
 * A writer would take its account past its storage quota. Surfaces turn it into their own error
 * (the Kubo RPC: 403; a pin job: {@code failed} without retry), adding what was refused.
 */
public final class QuotaExceededException extends RuntimeException {
    private final transient Usage usage;
    private final long reservedByOthers;
    private final long requested;

    QuotaExceededException(Usage usage, long reservedByOthers, long requested) {
        super(describe(usage, reservedByOthers) + ", and " + requested + " bytes were asked for");
        this.usage = usage;
        this.reservedByOthers = reservedByOthers;
        this.requested = requested;
    }

    /**
     * The account's state in words, as every quota error starts: {@code storage quota of account
     * 'bob' exceeded: it keeps U of Q bytes, R remain}, with what uploads in progress hold when any.
     */
    public String state() {
        return describe(usage, reservedByOthers);
    }

    private static String describe(Usage usage, long others) {
        long remain = Math.max(0, usage.remainingBytes() - others);
        return "storage quota of account '" + usage.account() + "' exceeded: it keeps " + usage.usedBytes() + " of "
                + usage.quotaBytes().orElse(0) + " bytes, " + remain + " remain"
                + (others > 0 ? " (" + others + " more are held by uploads and pins in progress)" : "");
    }

    public Usage usage() {
        return usage;
    }

    /** Bytes the account's other writers in progress held when this one was refused. */
    public long reservedByOthers() {
        return reservedByOthers;
    }

    /** The total this writer asked to cover. */
    public long requested() {
        return requested;
    }
}
