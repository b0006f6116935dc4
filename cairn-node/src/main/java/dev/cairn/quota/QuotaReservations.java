package dev.cairn.quota;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes in flight per account: what uploads and fetched pins are writing but have not committed
 * yet. Without it, two concurrent uploads each under the remaining quota could together exceed it,
 * since each compares itself with committed usage only.
 *
 * <p>A writer opens a {@link Reservation} before its first byte and {@linkplain Reservation#cover
 * covers} the bytes it has written so far, or {@linkplain Reservation#coverTotal its full size} at
 * once when that is known (a declared {@code Content-Length}); it closes the reservation after the commit that makes its pin count in
 * {@link StorageQuotas#usage usage}, or after it failed. A commit is counted by usage before its
 * reservation is released, so no byte is ever in neither (it may briefly be in both: the check is
 * then stricter, never looser).
 *
 * <p>Growing a reservation re-reads the account's usage (a database query) under the account's
 * lock, so the check and the reservation are one step for all writers of that account. To keep
 * that off the per-read path, a reservation grows ahead of the bytes by a quarter of its size (at
 * least {@link #STEP}), never past what the account has left: a concurrent writer may thus be
 * refused up to that headroom early, the price of not querying usage for every buffer.
 *
 * <p>The ledger is in memory, so it sees the writers of one node only. Several nodes over one
 * database (the PostgreSQL deployment) need the reservations in a shared table, taken in the same
 * transaction as the usage read; until then each node can overshoot by what the others have in flight.
 */
public final class QuotaReservations {
    /** The smallest growth of a reservation, bounding the usage queries of a large upload. */
    public static final long STEP = 1 << 20;

    private final StorageQuotas quotas;
    private final Map<Long, Ledger> ledgers = new ConcurrentHashMap<>();

    public QuotaReservations(StorageQuotas quotas) {
        this.quotas = quotas;
    }

    /** The quotas the reservations are checked against. */
    public StorageQuotas quotas() {
        return quotas;
    }

    /**
     * An empty reservation for one account. The quota is read now: an account without one gets a
     * reservation that never refuses and never queries usage.
     *
     * @throws IllegalArgumentException when no account has this id
     */
    public Reservation open(long accountId) {
        OptionalLong quota = quotas.quota(accountId);
        return new Reservation(accountId, quota.isEmpty() ? null : ledgers.computeIfAbsent(accountId, id -> new Ledger()));
    }

    /** Bytes reserved now by the account's writers in progress (0 for accounts without a quota). */
    public long reservedBytes(long accountId) {
        Ledger ledger = ledgers.get(accountId);
        if (ledger == null) {
            return 0;
        }
        synchronized (ledger) {
            return ledger.total;
        }
    }

    /**
     * One account's sum of reservations; its monitor serialises the check-and-reserve step. Kept
     * for the life of the node (one per account with a quota): removing an empty one could race a
     * writer that has just looked it up.
     */
    private static final class Ledger {
        long total;
    }

    /** Bytes one writer may write; closing it gives them back. Used by one thread at a time. */
    public final class Reservation implements AutoCloseable {
        private final long accountId;
        private final Ledger ledger;
        private long reserved;
        private boolean closed;

        private Reservation(long accountId, Ledger ledgerOrNull) {
            this.accountId = accountId;
            this.ledger = ledgerOrNull;
        }

        /**
         * Makes sure {@code bytes} (this writer's total so far) are reserved, growing ahead of them
         * (see the class comment). Cheap when they already are.
         *
         * @throws QuotaExceededException when the account's usage, the other writers' reservations
         *     and {@code bytes} together exceed its quota; this reservation is left as it was
         */
        public void cover(long bytes) {
            grow(bytes, Math.max(STEP, bytes / 4));
        }

        /**
         * Reserves a total known in advance (a declared length), without headroom: the writer
         * will not need more, and what it does not take stays for the others.
         *
         * @throws QuotaExceededException as {@link #cover(long)}
         */
        public void coverTotal(long knownTotal) {
            grow(knownTotal, 0);
        }

        private void grow(long bytes, long headroom) {
            if (ledger == null || bytes <= reserved) {
                return;
            }
            if (closed) {
                throw new IllegalStateException("reservation already closed");
            }
            synchronized (ledger) {
                Usage usage = quotas.usage(accountId);
                long others = ledger.total - reserved;
                long available = Math.max(0, usage.remainingBytes() - others);
                if (bytes > available) {
                    throw new QuotaExceededException(usage, others, bytes);
                }
                long grant = Math.min(available, bytes + headroom);
                ledger.total += grant - reserved;
                reserved = grant;
            }
        }

        /** Bytes held now (0 for an account without a quota). */
        public long bytes() {
            return reserved;
        }

        /** Gives the bytes back; call after the commit that makes them count, or after a failure. */
        @Override
        public void close() {
            if (ledger == null || closed) {
                return;
            }
            closed = true;
            synchronized (ledger) {
                ledger.total -= reserved;
                reserved = 0;
            }
        }
    }
}
