package dev.cairn.account;

/** An account with this name already exists. */
public final class AccountExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccountExistsException(String name) {
        super("account '" + name + "' already exists");
    }
}
