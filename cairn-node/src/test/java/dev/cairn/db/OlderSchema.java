package dev.cairn.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** Databases as an older build left them: for tests of what a migration does to existing rows. */
public final class OlderSchema {
    private OlderSchema() {}

    /** Creates {@code file} with the first {@code version} migrations only, and returns a plain connection to it. */
    public static Connection create(Path file, int version) throws SQLException {
        List<Migrations.Migration> known = Migrations.load(OlderSchema.class.getClassLoader());
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        new Migrations(c, known.subList(0, version)).migrate();
        return c;
    }
}
