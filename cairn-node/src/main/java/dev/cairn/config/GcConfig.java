package dev.cairn.config;

import java.time.Duration;
import java.util.List;

/**
 * Section {@code [gc]}: automatic garbage collection inside {@code cairn serve}. {@code cairn gc}
 * runs one collection whatever these say.
 *
 * @param enabled collect periodically while serving
 * @param intervalSeconds time between two collections (the first runs one interval after start)
 * @param compactBelowPercent a collection rewrites packs whose live bytes are below this share of
 *     their size, giving back the space of removed blocks; 0 never rewrites
 */
public record GcConfig(boolean enabled, long intervalSeconds, long compactBelowPercent) {
    public static final String SECTION = "gc";

    static final Setting ENABLED = Setting.bool(SECTION, "enabled", false,
            "Remove blocks no live pin reaches, periodically, while serving.");
    static final Setting INTERVAL_SECONDS = Setting.integer(SECTION, "interval-seconds", 3600,
            "Seconds between two automatic collections.");
    static final Setting COMPACT_BELOW_PERCENT = Setting.integer(SECTION, "compact-below-percent", 50,
            "Rewrite packs whose live bytes fell below this percentage of their size (0: never).");
    static final List<Setting> SETTINGS = List.of(ENABLED, INTERVAL_SECONDS, COMPACT_BELOW_PERCENT);

    static GcConfig from(ConfigValues v) {
        return new GcConfig(v.bool(ENABLED), v.integer(INTERVAL_SECONDS), v.integer(COMPACT_BELOW_PERCENT));
    }

    /** @throws ConfigException naming the key */
    public GcConfig validate() {
        PinningConfig.between(INTERVAL_SECONDS, intervalSeconds, 1, 365 * 86_400L);
        PinningConfig.between(COMPACT_BELOW_PERCENT, compactBelowPercent, 0, 100);
        return this;
    }

    /** {@link #compactBelowPercent} as a fraction from 0 to 1. */
    public double compactBelow() {
        return compactBelowPercent / 100.0;
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }
}
