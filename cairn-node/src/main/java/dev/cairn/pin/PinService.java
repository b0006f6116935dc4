package dev.cairn.pin;

import java.util.Optional;
import java.util.UUID;

/**
 * The pin requests of accounts. Every method is scoped to one account: another account's
 * request id behaves exactly like an id that does not exist.
 */
public interface PinService {
    /**
     * Records a new request ({@code queued}, a fresh UUID and a unique {@code created}) and queues
     * its job in the same transaction. If every block of the DAG is already stored, the job finds
     * them all and the request turns {@code pinned} as soon as a worker picks it up.
     */
    PinRecord add(long accountId, Pin pin);

    Optional<PinRecord> get(long accountId, UUID requestId);

    /** One page of the account's requests matching {@code query}, newest first, with the exact count. */
    PinPage list(long accountId, PinQuery query);

    /**
     * Replaces a request: a new request (new id, new {@code created}) is added and the old one
     * disappears at once (404 from then on); blocks shared with the old DAG stay protected from GC
     * until the new request settles.
     *
     * @throws PinNotFoundException when {@code requestId} is not one of the account's requests
     */
    PinRecord replace(long accountId, UUID requestId, Pin pin);

    /**
     * Removes a request in any status; it disappears from listings at once and its job is
     * cancelled. Blocks become garbage once no live request reaches them.
     *
     * @throws PinNotFoundException when {@code requestId} is not one of the account's requests
     */
    void delete(long accountId, UUID requestId);
}
