package dev.cairn.db;

import java.nio.file.Path;

/**
 * The metadata database shared by every repository. Two ways in, matching SQLite's model of one
 * writer and many concurrent readers (WAL):
 *
 * <ul>
 *   <li>{@link #read} borrows a read-only connection from a pool; any number of threads at once.
 *   <li>{@link #transaction} runs work on the single writer connection inside one transaction,
 *       committing when the work returns and rolling back when it throws. Writers queue.
 * </ul>
 *
 * <p>Connections are lent for the duration of the call only. {@link java.sql.SQLException}s come
 * out as {@link DatabaseException}; runtime exceptions from the work pass through unchanged (after
 * the rollback).
 */
public interface Database extends AutoCloseable {

    /**
     * Opens (creating if needed) the SQLite database at {@code file}, e.g. {@code <home>/cairn.db},
     * and brings its schema to the newest version this build knows.
     *
     * @throws DatabaseException when the file cannot be opened, a migration fails, or the schema is
     *     newer than this build or differs from the migration files it was made with
     */
    static Database openSqlite(Path file) {
        return SqliteDatabase.open(file, SqliteDatabase.DEFAULT_READERS);
    }

    /** Runs read-only {@code work} on a pooled connection (auto-commit, {@code query_only}). */
    <T> T read(SqlWork<T> work);

    /** Runs {@code work} in one transaction on the writer connection; commits or rolls back. */
    <T> T transaction(SqlWork<T> work);

    /** The newest applied schema version. */
    int schemaVersion();

    /** Closes every connection; calls after close fail with {@link IllegalStateException}. */
    @Override
    void close();
}
