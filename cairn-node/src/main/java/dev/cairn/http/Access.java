package dev.cairn.http;

import dev.cairn.account.Scope;

/**
 * Who may call a route. The core enforces it before the handler runs: a route that needs a token
 * answers 401 when {@code Authorization: Bearer <token>} is missing or does not authenticate, and
 * 403 when the token lacks the scope.
 *
 * @param authenticated true when a valid bearer token is required
 * @param scope the scope the token must carry (or imply, through {@code admin}); null for any
 */
public record Access(boolean authenticated, Scope scope) {
    /** Anyone, no token looked at (gateway reads, health). */
    public static final Access ANONYMOUS = new Access(false, null);
    /** Any valid token, whatever its scopes. */
    public static final Access AUTHENTICATED = new Access(true, null);

    public Access {
        if (!authenticated && scope != null) {
            throw new IllegalArgumentException("a scope needs authentication");
        }
    }

    /** A valid token carrying {@code scope}. */
    public static Access scope(Scope scope) {
        if (scope == null) {
            throw new IllegalArgumentException("scope must not be null (use AUTHENTICATED)");
        }
        return new Access(true, scope);
    }
}
