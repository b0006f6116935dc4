package dev.cairn.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who may read what through the gateway (ARCHITECTURE.md section 6). */
public enum GatewayMode {
    /** Any content present locally. */
    PUBLIC,
    /** Only content some account pins: the default. */
    PINNED,
    /** A gateway token is required and only that account's pins are served. */
    PRIVATE;

    /** The lower-case name used in configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static GatewayMode parse(String key, String text) {
        for (GatewayMode m : values()) {
            if (m.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new ConfigException(key + " must be one of "
                + Arrays.stream(values()).map(GatewayMode::label).collect(Collectors.joining(", "))
                + ", got '" + text + "'");
    }
}
