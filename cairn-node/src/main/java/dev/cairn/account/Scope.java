package dev.cairn.account;

import java.util.Locale;

/** What a token may do. {@code ADMIN} implies every other scope. */
public enum Scope {
    /** list and read the account's pins and content */
    READ,
    /** create, replace and delete pin requests */
    PIN,
    /** upload content (Kubo RPC add, dag import, S3 PUT) */
    UPLOAD,
    /** read through a private gateway */
    GATEWAY,
    /** manage accounts and tokens; implies all scopes */
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWire(String s) {
        for (Scope sc : values()) {
            if (sc.wire().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return sc;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + s + "' (use read, pin, upload, gateway or admin)");
    }
}
