package dev.cairn.pin;

import java.util.Locale;

/** The Pinning Service API's {@code TextMatchingStrategy} for the {@code name} filter. */
public enum NameMatch {
    EXACT, IEXACT, PARTIAL, IPARTIAL;

    public static NameMatch fromWire(String s) {
        for (NameMatch m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown match '" + s + "' (use exact, iexact, partial or ipartial)");
    }
}
