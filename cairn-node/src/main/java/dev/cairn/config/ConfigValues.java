package dev.cairn.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The effective raw value of every setting after layering, with where it came from
 * ({@code default}, the file path, {@code CAIRN_GATEWAY_MODE}, {@code --set}). Section records read
 * typed values from here; the origin lets their validation messages point at the culprit.
 */
public final class ConfigValues {
    /** One effective value and its origin. */
    public record Entry(Object value, String origin) {}

    private final Map<String, Entry> entries;

    ConfigValues(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Every setting at its default. */
    public static ConfigValues defaults() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Setting s : ConfigSchema.SETTINGS) {
            map.put(s.name(), new Entry(s.defaultValue(), "default"));
        }
        return new ConfigValues(map);
    }

    public String string(Setting s) {
        return (String) entry(s).value();
    }

    public long integer(Setting s) {
        return (Long) entry(s).value();
    }

    public boolean bool(Setting s) {
        return (Boolean) entry(s).value();
    }

    /**
     * Parses the string value of {@code s} with {@code parser}; a {@link ConfigException} from the
     * parser gets the value's origin appended unless it is the built-in default.
     */
    public <T> T parse(Setting s, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(string(s));
        } catch (ConfigException e) {
            String origin = origin(s);
            throw origin.equals("default") ? e : new ConfigException(e.getMessage() + " (from " + origin + ")", e);
        }
    }

    /** Where the effective value of {@code s} came from. */
    public String origin(Setting s) {
        return entry(s).origin();
    }

    /** All entries by dotted name, in schema order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    private Entry entry(Setting s) {
        Entry e = entries.get(s.name());
        if (e == null) {
            throw new IllegalStateException("no value for " + s.name());
        }
        return e;
    }
}
