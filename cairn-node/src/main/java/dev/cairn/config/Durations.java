package dev.cairn.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config.toml: a whole number and a unit, {@code 500ms},
 * {@code 60s}, {@code 5m}, {@code 1h}. A unit is required: a bare {@code 60} could mean seconds or
 * milliseconds, and guessing wrong turns a timeout into a thousandfold bug.
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {}

    /**
     * Parses {@code text} for the setting named {@code key}.
     *
     * @throws ConfigException naming the key when the text is not a duration
     */
    public static Duration parse(String key, String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(key + " must be a duration such as 500ms, 60s, 5m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** Text {@link #parse} reads back as {@code d}: whole hours, else seconds, else milliseconds ({@code 60s}, {@code 1500ms}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
