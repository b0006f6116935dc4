package dev.cairn.db;

/** The database failed or refused a statement; wraps the driver's {@link java.sql.SQLException}. */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
