package dev.cairn.quota;

import dev.cairn.db.Database;
import dev.cairn.db.TransactionWork;
import dev.cairn.membership.DagMembers;
import dev.cairn.pin.PinLifecycle;
import dev.cairn.pin.PinRefusedException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Pins fetched from the network ({@code POST /pins}, Kubo {@code pin/add}) checked against their
 * account's quota when the fetch is done, before its blocks are committed: a DAG larger than what
 * remains is refused ({@link PinRefusedException}), so the pin ends {@code failed} with the reason
 * and none of its blocks are kept. The size checked is the fetch's own account of the DAG (the
 * root's cumulative size, or the bytes fetched when larger); the exact size is measured once the
 * pin counts. The transfer itself is not cut short: the budget is not known to the fetcher.
 */
public final class QuotaCheckedPins implements PinLifecycle {
    private final PinLifecycle delegate;
    private final StorageQuotas quotas;
    private final Database db;

    public QuotaCheckedPins(PinLifecycle delegate, StorageQuotas quotas, Database db) {
        this.delegate = delegate;
        this.quotas = quotas;
        this.db = db;
    }

    @Override
    public void pinning(UUID requestId, Map<String, String> info) {
        delegate.pinning(requestId, info);
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

    /** @throws PinRefusedException when the fetched DAG is larger than its owner's remaining quota */
    private void check(UUID requestId, Map<String, String> info) {
        OptionalLong account = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM pins WHERE request_id = ?")) {
                ps.setString(1, requestId.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
        if (account.isPresent() && quotas.quota(account.getAsLong()).isPresent()) {
            Usage usage = quotas.usage(account.getAsLong());
            long size = Math.max(number(info.get("dag_size")), number(info.get("bytes_fetched")));
            if (size > usage.remainingBytes()) {
                throw new PinRefusedException("storage quota of account '" + usage.account() + "' exceeded: it keeps "
                        + usage.usedBytes() + " of " + usage.quotaBytes().orElse(0) + " bytes, " + usage.remainingBytes()
                        + " remain, and this DAG is " + size + " bytes; nothing was kept");
            }
        }
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
