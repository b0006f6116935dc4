package dev.cairn.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Extra statements that must commit atomically with someone else's, e.g. the pin row of an upload
 * that commits with the upload's block index rows ({@code BlockWriter.commit(TransactionWork)}).
 * Runs on the writer connection inside an open transaction: it must not commit, roll back or
 * change auto-commit; throwing rolls back the whole transaction.
 */
@FunctionalInterface
public interface TransactionWork {
    /** Does nothing. */
    TransactionWork NONE = connection -> {};

    void run(Connection connection) throws SQLException;
}
