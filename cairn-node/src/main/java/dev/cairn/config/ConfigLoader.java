package dev.cairn.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layers settings: built-in defaults, then {@code config.toml}, then environment variables
 * {@code CAIRN_SECTION_KEY}, then command-line overrides ({@code --set section.key=value}).
 *
 * <p>The file is strict: an unknown section or key, or a value of the wrong TOML type, is an error
 * naming it, because a silently ignored typo ({@code [gatway]}) would run the node with settings
 * the operator believes they changed. Environment variables that are not settings are ignored
 * ({@code CAIRN_HOME}, {@code CAIRN_DEBUG} and whatever else shares the prefix).
 */
public final class ConfigLoader {
    private static final TomlMapper TOML = new TomlMapper();

    private ConfigLoader() {}

    /**
     * Loads the effective configuration.
     *
     * @param home CAIRN_HOME; relative paths in the config resolve against it
     * @param file the config file; a missing file means all defaults
     * @param env the process environment
     * @param overrides dotted name to text value, from the command line
     * @throws ConfigException on any unreadable, unknown or invalid value
     */
    public static CairnConfig load(Path home, Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, ConfigValues.Entry> values = new LinkedHashMap<>(ConfigValues.defaults().entries());
        readFile(file, values);
        for (Setting s : ConfigSchema.SETTINGS) {
            String text = env.get(s.envVar());
            if (text != null) {
                values.put(s.name(), new ConfigValues.Entry(s.parse(text, s.envVar()), s.envVar()));
            }
        }
        overrides.forEach((name, text) -> {
            Setting s = ConfigSchema.find(name)
                    .orElseThrow(() -> new ConfigException("unknown setting '" + name + "' (from --set)"));
            values.put(name, new ConfigValues.Entry(s.parse(text, "--set"), "--set"));
        });
        return CairnConfig.from(new ConfigValues(values), home);
    }

    private static void readFile(Path file, Map<String, ConfigValues.Entry> values) {
        JsonNode root;
        try {
            root = TOML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return;
        } catch (JacksonException e) {
            throw new ConfigException(file + " is not valid TOML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null) {
            return; // empty file
        }
        String origin = file.toString();
        for (Map.Entry<String, JsonNode> table : root.properties()) {
            if (ConfigSchema.section(table.getKey()).isEmpty()) {
                throw new ConfigException("unknown " + (table.getValue().isObject() ? "section [" + table.getKey() + "]"
                        : "key '" + table.getKey() + "'") + " in " + origin);
            }
            if (!table.getValue().isObject()) {
                throw new ConfigException(table.getKey() + " must be a table ([" + table.getKey() + "]) in " + origin);
            }
            for (Map.Entry<String, JsonNode> e : table.getValue().properties()) {
                String name = table.getKey() + "." + e.getKey();
                Setting s = ConfigSchema.find(name)
                        .orElseThrow(() -> new ConfigException("unknown key " + name + " in " + origin));
                values.put(name, new ConfigValues.Entry(typed(s, e.getValue(), origin), origin));
            }
        }
    }

    private static Object typed(Setting s, JsonNode node, String origin) {
        return switch (s.type()) {
            case STRING -> {
                if (!node.isTextual()) {
                    throw new ConfigException(s.name() + " must be a string in " + origin + ", got " + node);
                }
                yield node.textValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new ConfigException(s.name() + " must be true or false in " + origin + ", got " + node);
                }
                yield node.booleanValue();
            }
            case INTEGER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new ConfigException(s.name() + " must be an integer in " + origin + ", got " + node);
                }
                yield node.longValue();
            }
        };
    }
}
