package dev.cairn.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * SQLite in WAL mode: one writer connection behind a lock and a small pool of read-only
 * connections, so readers never wait for the writer or for each other.
 *
 * <p>{@code synchronous=FULL}: a transaction that returned is on disk. The block store relies on
 * this (the client is told "stored" after the index commit); NORMAL could lose the last
 * transactions on power loss. Write transactions begin IMMEDIATE, so writers in several processes
 * queue on busy_timeout instead of failing. A pool of our own instead of HikariCP: SQLite wants exactly one
 * writer, and the pool is a semaphore and a queue.
 */
final class SqliteDatabase implements Database {
    static final int DEFAULT_READERS = 8;
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final String url;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Semaphore readPermits;
    private final BlockingQueue<Connection> idleReaders;
    private final int schemaVersion;
    private volatile boolean closed;

    private SqliteDatabase(String url, int readers) throws SQLException {
        this.url = url;
        this.readPermits = new Semaphore(readers);
        this.idleReaders = new ArrayBlockingQueue<>(readers);
        this.writer = connect(false);
        try {
            this.schemaVersion = new Migrations(writer).migrate();
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    static SqliteDatabase open(Path file, int readers) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteDatabase("jdbc:sqlite:" + file.toAbsolutePath(), readers);
        } catch (SQLException e) {
            throw new DatabaseException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot create the directory of " + file + ": " + e, e);
        }
    }

    private Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // Another process (a CLI command next to a running `cairn serve`) may write the same file.
        // A deferred transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT, which
        // busy_timeout does not retry, if the other process committed in between; taking the write
        // lock at BEGIN makes the second writer wait its turn instead.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = DriverManager.getConnection(url, config.toProperties());
        if (readOnly) {
            try (var st = c.createStatement()) {
                st.execute("PRAGMA query_only = 1");
            }
        }
        return c;
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        checkOpen();
        try {
            readPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a read connection", e);
        }
        Connection c = null;
        boolean healthy = true;
        try {
            c = idleReaders.poll();
            if (c == null) {
                c = connect(true);
            }
            return work.run(c);
        } catch (SQLException e) {
            healthy = false;
            throw new DatabaseException("query failed: " + e.getMessage(), e);
        } finally {
            release(c, healthy);
        }
    }

    private void release(Connection c, boolean healthy) {
        try {
            // A failed statement may leave a connection in an odd state; a new one is cheap.
            if (c != null && (!healthy || closed || !idleReaders.offer(c))) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing a connection we are discarding: nothing left to do
        } finally {
            readPermits.release();
        }
    }

    @Override
    public <T> T transaction(SqlWork<T> work) {
        checkOpen();
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("nested transaction: pass the connection down instead");
        }
        writeLock.lock();
        try {
            checkOpen();
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(e);
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("transaction failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private void rollbackQuietly(Throwable cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("database is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Connection c; (c = idleReaders.poll()) != null; ) {
                c.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw new DatabaseException("closing the database failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
