package dev.cairn.account;

import java.time.Instant;
import java.util.Set;

/**
 * What is known about a token, never its secret.
 *
 * @param expires null when it never expires
 * @param revoked when it was revoked, or null
 * @param lastUsed roughly when it last authenticated a request (minute precision), or null
 */
public record TokenInfo(long id, String account, Set<Scope> scopes, String label, Instant created,
                        Instant expires, Instant revoked, Instant lastUsed) {
    public TokenInfo {
        scopes = Set.copyOf(scopes);
    }

    /** True when the token can still authenticate at {@code now}. */
    public boolean activeAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
