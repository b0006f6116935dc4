package dev.cairn.account;

import dev.cairn.db.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accounts and their API tokens. Every surface authenticates through {@link #authenticate}; the
 * CLI and (later) admin endpoints manage accounts and tokens through the other methods.
 *
 * <p>Token secrets are {@value TokenSecrets#PREFIX} followed by 52 base32 characters (32 random
 * bytes). Only their SHA-256 is stored, so a secret is returned exactly once, by {@link #issue}.
 */
public interface AccountService {
    /** The account the first start creates, holding the bootstrap admin token. */
    String ADMIN_ACCOUNT = "admin";

    /** Over the metadata database, with the system clock and a strong random source. */
    static AccountService over(Database database) {
        return over(database, Clock.systemUTC(), new SecureRandom());
    }

    /** Over the metadata database; {@code clock} decides creation, expiry and last-use times. */
    static AccountService over(Database database, Clock clock, SecureRandom random) {
        return new JdbcAccountService(database, clock, random);
    }

    /**
     * Creates an account.
     *
     * @param name 1-64 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit
     * @throws IllegalArgumentException if the name is not valid (the message says why)
     * @throws AccountExistsException if an account with this name exists
     */
    Account create(String name);

    /** The account with this name, if any. */
    Optional<Account> find(String name);

    /** Every account, oldest first. */
    List<Account> list();

    /**
     * Issues a new token for {@code account} and returns its secret (the only time it is seen).
     *
     * @param scopes at least one scope
     * @param expiresOrNull when the token stops working, or null for never; must be in the future
     * @param label free text shown in listings (may be null), at most 200 characters
     * @throws UnknownAccountException if there is no such account
     * @throws IllegalArgumentException for no scopes, a past expiry or an over-long label
     */
    IssuedToken issue(String account, Set<Scope> scopes, Instant expiresOrNull, String label);

    /** Tokens of one account, or of every account when {@code accountOrNull} is null; oldest first. */
    List<TokenInfo> tokens(String accountOrNull);

    /** Revokes a token at once; false if no token has this id or it was already revoked. */
    boolean revoke(long tokenId);

    /**
     * The principal a presented secret stands for: empty when the secret is unknown, revoked or
     * expired, or not even shaped like a Cairn token. The comparison does not leak, through its
     * timing, how much of a guess was right.
     */
    Optional<Principal> authenticate(String secret);

    /**
     * First-start bootstrap: when no {@value #ADMIN_ACCOUNT} account exists yet, creates it with
     * one never-expiring token of scope {@code admin} and returns that token; otherwise empty.
     * Runs in one transaction, so two processes starting together create one admin.
     */
    Optional<IssuedToken> bootstrapAdmin();
}
