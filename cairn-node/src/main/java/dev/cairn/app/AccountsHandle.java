package dev.cairn.app;

import dev.cairn.account.AccountService;
import dev.cairn.db.Database;

/**
 * Account and token management without the block store: only the metadata database is opened,
 * so {@code cairn account}/{@code cairn token} work while {@code cairn serve} holds the store's
 * lock on the same home (SQLite in WAL mode takes writers from several processes in turn).
 */
public final class AccountsHandle implements AutoCloseable {
    private final Database database;
    private final AccountService accounts;

    private AccountsHandle(Database database) {
        this.database = database;
        this.accounts = AccountService.over(database);
    }

    /** Opens the node's database (creating it and running migrations if needed). */
    public static AccountsHandle open(NodeContext context) {
        return new AccountsHandle(Database.openSqlite(
                context.config().store().dataDir().resolve(LocalNode.DATABASE_FILE)));
    }

    public AccountService accounts() {
        return accounts;
    }

    /**
     * Quotas and usage, from sizes already measured: this handle does not hold the block store,
     * so roots a server has not measured yet show in {@link dev.cairn.quota.Usage#unmeasuredRoots()}.
     */
    public dev.cairn.quota.StorageQuotas quotas() {
        return dev.cairn.quota.StorageQuotas.over(database, null);
    }

    @Override
    public void close() {
        database.close();
    }
}
