package dev.cairn.account;

import java.util.Set;

/** Who is asking: the account a valid token belongs to, and that token's scopes. */
public record Principal(Account account, long tokenId, Set<Scope> scopes) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** True when the token carries {@code scope} (or {@code ADMIN}). */
    public boolean may(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }
}
