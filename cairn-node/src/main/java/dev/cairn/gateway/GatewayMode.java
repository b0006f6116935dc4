package dev.cairn.gateway;

import java.util.Locale;

/**
 * Who may read through the gateway (ARCHITECTURE.md section 6; setting {@code gateway.mode}).
 * Whatever the mode, a reader who may not see a CID gets exactly the answer a missing CID gets,
 * so the gateway never tells whether content exists to someone not allowed to read it.
 */
public enum GatewayMode {
    /** Anything in the store. */
    PUBLIC,
    /** Only content some account pins (the default). */
    PINNED,
    /** A token with the gateway scope is required; only that account's pins are served. */
    PRIVATE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a setting value; the message names the key, as config errors do. */
    public static GatewayMode fromWire(String value) {
        for (GatewayMode m : values()) {
            if (m.wire().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("gateway.mode: unknown mode '" + value + "' (use public, pinned or private)");
    }
}
