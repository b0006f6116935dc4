package dev.cairn.config;

/**
 * Renders the {@code config.toml} written on first use: every section and key at its default, each
 * preceded by a comment saying what it means and which environment variable overrides it.
 */
public final class DefaultConfigFile {
    private DefaultConfigFile() {}

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Cairn configuration. Every key is shown at its default; see docs/config.md.\n");
        out.append("# Precedence: this file < environment (CAIRN_SECTION_KEY) < command line (--set section.key=value).\n");
        for (ConfigSchema.Section section : ConfigSchema.SECTIONS) {
            out.append("\n# ").append(section.description()).append('\n');
            out.append('[').append(section.name()).append("]\n");
            for (Setting s : section.settings()) {
                out.append("# ").append(s.description()).append(" (env ").append(s.envVar()).append(")\n");
                out.append(s.key()).append(" = ").append(s.defaultToml()).append('\n');
            }
        }
        return out.toString();
    }
}
