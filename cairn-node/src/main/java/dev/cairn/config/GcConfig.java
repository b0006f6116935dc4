package dev.cairn.config;

import java.time.Duration;
import java.util.List;

/**
 * Section {@code [gc]}: automatic garbage collection inside {@code cairn serve}. {@code cairn gc}
 * runs one collection whatever these say.
 *
 * @param enabled collect periodically while serving
 * @param intervalSeconds time between two collections (the first runs one interval after start)
 */
public record GcConfig(boolean enabled, long intervalSeconds) {
    public static final String SECTION = "gc";

    static final Setting ENABLED = Setting.bool(SECTION, "enabled", false,
            "Remove blocks no live pin reaches, periodically, while serving.");
    static final Setting INTERVAL_SECONDS = Setting.integer(SECTION, "interval-seconds", 3600,
            "Seconds between two automatic collections.");
    static final List<Setting> SETTINGS = List.of(ENABLED, INTERVAL_SECONDS);

    static GcConfig from(ConfigValues v) {
        return new GcConfig(v.bool(ENABLED), v.integer(INTERVAL_SECONDS));
    }

    /** @throws ConfigException naming the key */
    public GcConfig validate() {
        PinningConfig.between(INTERVAL_SECONDS, intervalSeconds, 1, 365 * 86_400L);
        return this;
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }
}
