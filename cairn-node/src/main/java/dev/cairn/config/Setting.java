package dev.cairn.config;

import java.util.Locale;

/**
 * One configuration key: its section, name, value type, default and a one-line meaning.
 *
 * @param section the TOML table, e.g. {@code gateway}
 * @param key the key inside it, e.g. {@code mode}
 * @param type how values are written and parsed
 * @param defaultValue a {@code String}, {@code Long} or {@code Boolean} matching {@code type}
 * @param description what the setting means, written into config.toml and docs/config.md
 */
public record Setting(String section, String key, Type type, Object defaultValue, String description) {
    /** Value types. Richer values (addresses, enums, paths) are strings the section record parses. */
    public enum Type {
        STRING,
        INTEGER,
        BOOLEAN
    }

    public Setting {
        Object expected = switch (type) {
            case STRING -> defaultValue instanceof String ? defaultValue : null;
            case INTEGER -> defaultValue instanceof Long ? defaultValue : null;
            case BOOLEAN -> defaultValue instanceof Boolean ? defaultValue : null;
        };
        if (expected == null) {
            throw new IllegalArgumentException(section + "." + key + ": default " + defaultValue + " is not a " + type);
        }
    }

    public static Setting string(String section, String key, String defaultValue, String description) {
        return new Setting(section, key, Type.STRING, defaultValue, description);
    }

    public static Setting integer(String section, String key, long defaultValue, String description) {
        return new Setting(section, key, Type.INTEGER, defaultValue, description);
    }

    public static Setting bool(String section, String key, boolean defaultValue, String description) {
        return new Setting(section, key, Type.BOOLEAN, defaultValue, description);
    }

    /** The dotted name used in messages and {@code --set}: {@code gateway.mode}. */
    public String name() {
        return section + "." + key;
    }

    /** The environment override: {@code CAIRN_} + section + key, upper case, dashes as underscores. */
    public String envVar() {
        return ("CAIRN_" + section + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The default as TOML source text: {@code "pinned"}, {@code 268435456}, {@code true}. */
    public String defaultToml() {
        return toToml(defaultValue);
    }

    /** Renders a value of this setting's type as TOML source text. */
    public static String toToml(Object value) {
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
        return String.valueOf(value);
    }

    /**
     * Parses a textual value (environment variable or {@code --set}) of this setting's type.
     *
     * @param origin where the text came from, for the error message
     */
    Object parse(String text, String origin) {
        return switch (type) {
            case STRING -> text;
            case BOOLEAN -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new ConfigException(name() + " must be true or false, got '" + text + "' (from " + origin + ")");
            };
            case INTEGER -> {
                try {
                    yield Long.parseLong(text.trim().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new ConfigException(name() + " must be an integer, got '" + text + "' (from " + origin + ")");
                }
            }
        };
    }
}
