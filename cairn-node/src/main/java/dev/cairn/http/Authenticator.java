package dev.cairn.http;

import dev.cairn.account.Principal;
import java.util.Optional;

/**
 * Turns a presented bearer secret into a principal; {@code AccountService::authenticate} is one.
 * Empty for unknown, revoked or expired secrets; must not throw for malformed input.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Principal> authenticate(String secret);
}
