package dev.cairn.quota;

import dev.cairn.db.Database;
import dev.cairn.db.TransactionWork;
import dev.cairn.membership.DagMembers;
import dev.cairn.pin.PinBudget;
import dev.cairn.pin.PinLifecycle;
import dev.cairn.pin.PinRefusedException;
import dev.cairn.quota.QuotaReservations.Reservation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pins fetched from the network ({@code POST /pins}, Kubo {@code pin/add}) held to their account's
 * quota. While the DAG downloads, its verified bytes are reserved in the node's
 * {@link QuotaReservations} as they arrive ({@link #budget}): once the account's usage, what its
 * other uploads and pins hold, and this fetch would pass the quota, the fetch is stopped there. When
 * the fetch is done, before its blocks are committed, the DAG's size as the fetch knows it (the
 * root's cumulative size, or the bytes fetched when larger: blocks already stored count too) is
 * reserved in full. Either refusal is a {@link PinRefusedException}: the pin ends {@code failed}
 * with the reason, without retry, and none of its blocks are kept. The exact size is measured once
 * the pin counts; the reservation is released after the commit that makes it count.
 */
public final class QuotaCheckedPins implements PinLifecycle {
    private final PinLifecycle delegate;
    private final QuotaReservations reservations;
    private final Database db;
    /** The reservations of the fetches running now, by request, for the check at commit. */
    private final Map<UUID, Reservation> running = new ConcurrentHashMap<>();

    public QuotaCheckedPins(PinLifecycle delegate, QuotaReservations reservations, Database db) {
        this.delegate = delegate;
        this.reservations = reservations;
        this.db = db;
    }

    @Override
    public void pinning(UUID requestId, Map<String, String> info) {
        delegate.pinning(requestId, info);
    }

    @Override
    public PinBudget budget(UUID requestId) {
        OptionalLong account = account(requestId);
        if (account.isEmpty()) {
            return PinBudget.UNLIMITED;
        }
        Reservation reservation = reservations.open(account.getAsLong());
        running.put(requestId, reservation);
        return new PinBudget() {
            @Override
            public void fetched(long bytes) {
                try {
                    reservation.cover(bytes);
                } catch (QuotaExceededException e) {
                    throw new PinRefusedException(e.state() + ", and this DAG is larger: the fetch was stopped after "
                            + bytes + " bytes; nothing was kept");
                }
            }

            @Override
            public void close() {
                running.remove(requestId, reservation);
                reservation.close();
            }
        };
    }

    @Override
    public TransactionWork pinned(UUID requestId, Map<String, String> info) {
        check(requestId, info);
        return delegate.pinned(requestId, info);
    }

    @Override
    public TransactionWork pinned(UUID requestId, Map<String, String> info, DagMembers members) {
        check(requestId, info);
        return delegate.pinned(requestId, info, members);
    }

    /** @throws PinRefusedException when the fetched DAG is larger than what its owner has left */
    private void check(UUID requestId, Map<String, String> info) {
        long size = Math.max(number(info.get("dag_size")), number(info.get("bytes_fetched")));
        Reservation held = running.get(requestId);
        if (held != null) {
            cover(held, size);
            return;
        }
        OptionalLong account = account(requestId);
        if (account.isPresent()) {
            // A caller without a budget (no fetch ran through it): checked alone, nothing held.
            try (Reservation once = reservations.open(account.getAsLong())) {
                cover(once, size);
            }
        }
    }

    private static void cover(Reservation reservation, long size) {
        try {
            reservation.coverTotal(size);
        } catch (QuotaExceededException e) {
            throw new PinRefusedException(e.state() + ", and this DAG is " + size + " bytes; nothing was kept");
        }
    }

    private OptionalLong account(UUID requestId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM pins WHERE request_id = ?")) {
                ps.setString(1, requestId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void failed(UUID requestId, String reason) {
        delegate.failed(requestId, reason);
    }
}
