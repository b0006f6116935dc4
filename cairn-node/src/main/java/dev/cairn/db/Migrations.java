package dev.cairn.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small versioned migration runner. The files are listed, in order, in
 * {@code db/migration/index.txt} on the classpath (a list because jars cannot be listed portably);
 * each is named {@code V<n>__<what>.sql}, with versions 1, 2, 3... without gaps. Each file runs in
 * its own transaction and is recorded in {@code schema_version} with a checksum, so an edited
 * migration or a database from a newer build is refused instead of silently diverging.
 *
 * <p>Statements are split at a {@code ;} ending a line; {@code --} comment lines are dropped. Keep
 * migration SQL to plain DDL/DML that PostgreSQL also accepts.
 */
final class Migrations {
    static final String INDEX = "db/migration/index.txt";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    record Migration(int version, String name, String sql, String checksum) {}

    private final Connection connection;
    private final List<Migration> known;

    Migrations(Connection connection) {
        this(connection, load(Migrations.class.getClassLoader()));
    }

    Migrations(Connection connection, List<Migration> known) {
        this.connection = connection;
        this.known = known;
    }

    /** Applies every pending migration; returns the schema version reached. */
    int migrate() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        }
        List<Migration> applied = applied();
        if (applied.size() > known.size()) {
            throw new DatabaseException("database schema version " + applied.size()
                    + " is newer than this build (knows " + known.size() + "); upgrade Cairn");
        }
        for (int i = 0; i < applied.size(); i++) {
            Migration a = applied.get(i);
            Migration k = known.get(i);
            if (a.version() != k.version() || !a.checksum().equals(k.checksum())) {
                throw new DatabaseException("migration " + k.name() + " differs from the one applied to"
                        + " this database (" + a.name() + "); migrations must never be edited");
            }
        }
        for (Migration m : known.subList(applied.size(), known.size())) {
            apply(m);
        }
        return known.size();
    }

    private List<Migration> applied() throws SQLException {
        List<Migration> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT version, name, checksum FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(new Migration(rs.getInt(1), rs.getString(2), null, rs.getString(3)));
            }
        }
        return out;
    }

    void apply(Migration m) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            // Another process may have applied it since we looked (two commands starting on a new
            // home). Write transactions begin IMMEDIATE, so this check and the apply are atomic.
            if (alreadyApplied(m)) {
                connection.commit();
                return;
            }
            for (String sql : statements(m.sql())) {
                st.execute(sql);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, m.version());
                ps.setString(2, m.name());
                ps.setString(3, m.checksum());
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new DatabaseException("migration " + m.name() + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    private boolean alreadyApplied(Migration m) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
            ps.setInt(1, m.version());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (!rs.getString(1).equals(m.checksum())) {
                    throw new DatabaseException("migration " + m.name() + " differs from the one applied to this database;"
                            + " migrations must never be edited");
                }
                return true;
            }
        }
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    static List<Migration> load(ClassLoader loader) {
        String index = resource(loader, INDEX);
        List<Migration> out = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException(INDEX + ": bad migration name " + name);
            }
            int version = Integer.parseInt(m.group(1));
            if (version != out.size() + 1) {
                throw new IllegalStateException(INDEX + ": " + name + " should be version " + (out.size() + 1));
            }
            String sql = resource(loader, "db/migration/" + name);
            out.add(new Migration(version, name, sql, sha256(sql)));
        }
        return out;
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
