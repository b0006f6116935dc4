package dev.cairn.quota;

import dev.cairn.db.Database;
import dev.cairn.store.BlockStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * Quotas and usage of accounts (see the package comment for what usage counts).
 */
public interface StorageQuotas {
    /**
     * Over the metadata database; {@code storeOrNull} measures DAG sizes not measured yet (null
     * when the caller does not hold the store, as the CLI next to a running server: sizes already
     * measured are used, others are reported in {@link Usage#unmeasuredRoots()}).
     */
    static StorageQuotas over(Database database, BlockStore storeOrNull) {
        return new JdbcStorageQuotas(database, storeOrNull);
    }

    /**
     * The usage of one account, measuring pinned roots not measured yet when the store is held.
     *
     * @throws IllegalArgumentException when no account has this id
     */
    Usage usage(long accountId);

    /**
     * The quota of one account, empty when unlimited: one indexed read, so callers skip computing
     * usage (a query over all of the account's pins) for accounts that have no limit.
     *
     * @throws IllegalArgumentException when no account has this id
     */
    OptionalLong quota(long accountId);

    /**
     * Measures and records the DAG sizes of {@code roots} not recorded yet (roots just pinned), so
     * that listings show them; roots whose DAG is not whole are left for later. Needs the store.
     */
    void measure(java.util.Collection<dev.cairn.cid.Cid> roots);

    /** The usage of every account, oldest account first. */
    List<Usage> all();

    /**
     * Sets or clears (empty = unlimited) the quota of the named account.
     *
     * @throws dev.cairn.account.UnknownAccountException when there is no such account
     * @throws IllegalArgumentException for a negative quota
     */
    void setQuota(String account, OptionalLong quotaBytes);
}
