package dev.cairn.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a borrowed connection, returning a value. The connection must not escape. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
