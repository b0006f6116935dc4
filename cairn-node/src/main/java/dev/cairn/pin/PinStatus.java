package dev.cairn.pin;

import java.util.Locale;

/** The Pinning Service API status enum. */
public enum PinStatus {
    QUEUED, PINNING, PINNED, FAILED;

    /** The wire form: {@code queued}, {@code pinning}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; {@link IllegalArgumentException} names the valid values. */
    public static PinStatus fromWire(String s) {
        for (PinStatus p : values()) {
            if (p.wire().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown status '" + s + "' (use queued, pinning, pinned or failed)");
    }
}
