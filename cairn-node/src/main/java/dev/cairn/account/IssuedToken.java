package dev.cairn.account;

/**
 * A freshly issued token: its secret, shown to the user once and never stored, and its details.
 *
 * @param secret what clients send as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(String secret, TokenInfo info) {
    @Override
    public String toString() {
        // Keeps the secret out of logs and exception messages that print records.
        return "IssuedToken[id=" + info.id() + ", account=" + info.account() + "]";
    }
}
