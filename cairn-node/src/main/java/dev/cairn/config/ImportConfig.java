package dev.cairn.config;

import java.util.List;

/**
 * Section {@code [import]}: how uploads are chunked and laid out.
 *
 * @param profile a named set of importer parameters; {@code kubo} produces the same CIDs as
 *     {@code ipfs add} with Kubo's defaults
 */
public record ImportConfig(String profile) {
    public static final String SECTION = "import";
    public static final String DEFAULT_PROFILE = "kubo";
    /** Profiles the importer implements. Extend together with the importer. */
    public static final List<String> PROFILES = List.of("kubo", "unixfs-v1-2025");

    static final Setting PROFILE = Setting.string(SECTION, "profile", DEFAULT_PROFILE,
            "Importer profile (chunker, DAG layout, CID version). 'kubo' gives the same CIDs as 'ipfs add' with Kubo's defaults.");
    static final List<Setting> SETTINGS = List.of(PROFILE);

    static ImportConfig from(ConfigValues values) {
        return new ImportConfig(values.string(PROFILE));
    }

    /** @throws ConfigException naming the key */
    public ImportConfig validate() {
        if (!PROFILES.contains(profile)) {
            throw new ConfigException(PROFILE.name() + " must be one of " + String.join(", ", PROFILES)
                    + ", got '" + profile + "'");
        }
        return this;
    }
}
