package dev.cairn.account;

import dev.cairn.db.Database;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link AccountService} over the metadata database (tables of migration V2).
 *
 * <p>Authentication is one indexed read by the secret's SHA-256, then a constant-time comparison
 * of the stored hash (the index lookup itself compares hashes of attacker input, which reveal
 * nothing about secrets). {@code last_used_at} is written at most once per {@link #LAST_USED_STEP}
 * per token, so authenticating stays a read in the common case.
 */
final class JdbcAccountService implements AccountService {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_LABEL = 200;
    static final Duration LAST_USED_STEP = Duration.ofMinutes(1);

    private static final String TOKEN_COLUMNS = "t.id, a.name, t.scopes, t.label, t.created_at, t.expires_at,"
            + " t.revoked_at, t.last_used_at";

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;

    JdbcAccountService(Database db, Clock clock, SecureRandom random) {
        this.db = db;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Account create(String name) {
        checkName(name);
        return db.transaction(c -> insertAccount(c, name));
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("account name must be 1-64 characters of a-z, 0-9, '.', '_' or '-',"
                    + " starting with a letter or digit, got '" + name + "'");
        }
    }

    private Account insertAccount(Connection c, String name) throws SQLException {
        if (findAccount(c, name).isPresent()) {
            throw new AccountExistsException(name);
        }
        long id = nextId(c, "accounts");
        Instant now = now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
        return new Account(id, name, now);
    }

    private static long nextId(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public Optional<Account> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.read(c -> findAccount(c, name));
    }

    private static Optional<Account> findAccount(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM accounts WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
    }

    @Override
    public List<Account> list() {
        return db.read(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM accounts ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        });
    }

    @Override
    public IssuedToken issue(String account, Set<Scope> scopes, Instant expiresOrNull, String label) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope (read, pin, upload, gateway, admin)");
        }
        if (expiresOrNull != null && !expiresOrNull.isAfter(now())) {
            throw new IllegalArgumentException("token expiry " + expiresOrNull + " is not in the future");
        }
        if (label != null && label.length() > MAX_LABEL) {
            throw new IllegalArgumentException("token label must be at most " + MAX_LABEL + " characters");
        }
        return db.transaction(c -> {
            Account owner = findAccount(c, account).orElseThrow(() -> new UnknownAccountException(account));
            return insertToken(c, owner, scopes, expiresOrNull, label);
        });
    }

    private IssuedToken insertToken(Connection c, Account owner, Set<Scope> scopes, Instant expires, String label)
            throws SQLException {
        String secret = TokenSecrets.generate(random);
        long id = nextId(c, "tokens");
        Instant now = now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tokens (id, account_id, secret_hash, scopes, label,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, owner.id());
            ps.setBytes(3, TokenSecrets.hash(secret));
            ps.setString(4, writeScopes(scopes));
            ps.setString(5, label);
            ps.setLong(6, now.toEpochMilli());
            setInstant(ps, 7, expires);
            ps.executeUpdate();
        }
        return new IssuedToken(secret, new TokenInfo(id, owner.name(), scopes, label, now, expires, null, null));
    }

    @Override
    public List<TokenInfo> tokens(String accountOrNull) {
        return db.read(c -> {
            String sql = "SELECT " + TOKEN_COLUMNS + " FROM tokens t JOIN accounts a ON a.id = t.account_id"
                    + (accountOrNull == null ? "" : " WHERE a.name = ?") + " ORDER BY t.id";
            List<TokenInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (accountOrNull != null) {
                    ps.setString(1, accountOrNull);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(tokenInfo(rs));
                    }
                }
            }
            return out;
        });
    }

    private static TokenInfo tokenInfo(ResultSet rs) throws SQLException {
        return new TokenInfo(rs.getLong(1), rs.getString(2), readScopes(rs.getString(3)), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8));
    }

    @Override
    public boolean revoke(long tokenId) {
        long now = now().toEpochMilli();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setLong(2, tokenId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Principal> authenticate(String secret) {
        if (!TokenSecrets.plausible(secret)) {
            return Optional.empty();
        }
        byte[] hash = TokenSecrets.hash(secret);
        Instant now = now();
        Optional<Row> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT t.secret_hash, a.id, a.name, a.created_at, t.id,"
                    + " t.scopes, t.expires_at, t.revoked_at, t.last_used_at"
                    + " FROM tokens t JOIN accounts a ON a.id = t.account_id WHERE t.secret_hash = ?")) {
                ps.setBytes(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Row>empty();
                    }
                    return Optional.of(new Row(rs.getBytes(1),
                            new Account(rs.getLong(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))),
                            rs.getLong(5), readScopes(rs.getString(6)), instant(rs, 7), instant(rs, 8), instant(rs, 9)));
                }
            }
        });
        if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash(), hash)) {
            return Optional.empty();
        }
        Row r = row.get();
        if (r.revoked() != null || (r.expires() != null && !now.isBefore(r.expires()))) {
            return Optional.empty();
        }
        if (r.lastUsed() == null || Duration.between(r.lastUsed(), now).compareTo(LAST_USED_STEP) >= 0) {
            touch(r.tokenId(), now);
        }
        return Optional.of(new Principal(r.account(), r.tokenId(), r.scopes()));
    }

    private record Row(byte[] hash, Account account, long tokenId, Set<Scope> scopes, Instant expires,
                       Instant revoked, Instant lastUsed) {}

    private void touch(long tokenId, Instant now) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tokens SET last_used_at = ? WHERE id = ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, tokenId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<IssuedToken> bootstrapAdmin() {
        return db.transaction(c -> {
            if (findAccount(c, ADMIN_ACCOUNT).isPresent()) {
                return Optional.<IssuedToken>empty();
            }
            Account admin = insertAccount(c, ADMIN_ACCOUNT);
            return Optional.of(insertToken(c, admin, EnumSet.of(Scope.ADMIN), null, "bootstrap"));
        });
    }

    private Instant now() {
        // Millisecond precision: what the database keeps, so values read back compare equal.
        return Instant.ofEpochMilli(clock.millis());
    }

    private static String writeScopes(Set<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::wire).collect(Collectors.joining(","));
    }

    private static Set<Scope> readScopes(String text) {
        EnumSet<Scope> out = EnumSet.noneOf(Scope.class);
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(Scope.fromWire(s));
            }
        }
        return out;
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
