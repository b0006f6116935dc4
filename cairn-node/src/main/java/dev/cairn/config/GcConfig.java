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
 * @param keepDeletedPinsDays a collection purges tombstones of pin requests deleted or replaced
 *     longer ago than this
 */
public record GcConfig(boolean enabled, long intervalSeconds, long compactBelowPercent, long keepDeletedPinsDays) {
    public static final String SECTION = "gc";

    static final Setting ENABLED = Setting.bool(SECTION, "enabled", false,
            "Remove blocks no live pin reaches, periodically, while serving.");
    static final Setting INTERVAL_SECONDS = Setting.integer(SECTION, "interval-seconds", 3600,
            "Seconds between two automatic collections.");
    static final Setting COMPACT_BELOW_PERCENT = Setting.integer(SECTION, "compact-below-percent", 50,
            "Rewrite packs whose live bytes fell below this percentage of their size (0: never).");
    static final Setting KEEP_DELETED_PINS_DAYS = Setting.integer(SECTION, "keep-deleted-pins-days", 7,
            "Days the rows of deleted or replaced pin requests are kept before a collection purges them.");
    static final List<Setting> SETTINGS = List.of(ENABLED, INTERVAL_SECONDS, COMPACT_BELOW_PERCENT,
            KEEP_DELETED_PINS_DAYS);

    static GcConfig from(ConfigValues v) {
        return new GcConfig(v.bool(ENABLED), v.integer(INTERVAL_SECONDS), v.integer(COMPACT_BELOW_PERCENT),
                v.integer(KEEP_DELETED_PINS_DAYS));
    }

    /** @throws ConfigException naming the key */
    public GcConfig validate() {
        PinningConfig.between(INTERVAL_SECONDS, intervalSeconds, 1, 365 * 86_400L);
        PinningConfig.between(COMPACT_BELOW_PERCENT, compactBelowPercent, 0, 100);
        PinningConfig.between(KEEP_DELETED_PINS_DAYS, keepDeletedPinsDays, 0, 36_500);
        return this;
    }

    /** {@link #compactBelowPercent} as a fraction from 0 to 1. */
    public double compactBelow() {
        return compactBelowPercent / 100.0;
    }

    public Duration keepDeletedPins() {
        return Duration.ofDays(keepDeletedPinsDays);
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }
}
