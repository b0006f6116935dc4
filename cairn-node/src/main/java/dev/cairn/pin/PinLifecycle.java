package dev.cairn.pin;

import dev.cairn.db.TransactionWork;
import dev.cairn.membership.DagMembers;
import java.util.Map;
import java.util.UUID;

/**
 * How pin jobs report back to pin requests. Implemented by the pin repository; called by the
 * workers in {@code pin.job}. A request that was deleted or replaced meanwhile is left alone (the
 * calls are no-ops for it), so a worker never resurrects a deleted pin.
 */
public interface PinLifecycle {
    /** Status {@code pinning} with the given progress info (strings only), in its own transaction. */
    void pinning(UUID requestId, Map<String, String> info);

    /**
     * Work that sets status {@code pinned} (with final info) inside the transaction that commits
     * the fetched blocks, so a pin is never {@code pinned} without its blocks.
     *
     * @throws PinRefusedException when the pin must not complete (its blocks are then not kept)
     */
    TransactionWork pinned(UUID requestId, Map<String, String> info);

    /**
     * As {@link #pinned(UUID, Map)}, also recording which blocks belong to the pinned DAG (named
     * by {@code members}, typically from the links the job's ingest saw) in the same transaction.
     * Repositories without a membership index ignore {@code members}.
     *
     * @throws PinRefusedException when the pin must not complete (its blocks are then not kept)
     */
    default TransactionWork pinned(UUID requestId, Map<String, String> info, DagMembers members) {
        return pinned(requestId, info);
    }

    /**
     * The budget of the fetch about to run for this request; {@link PinBudget#UNLIMITED} unless
     * the repository limits what a pin may bring in (storage quotas).
     */
    default PinBudget budget(UUID requestId) {
        return PinBudget.UNLIMITED;
    }

    /** Status {@code failed} with {@code info.status_details = reason}, in its own transaction. */
    void failed(UUID requestId, String reason);
}
