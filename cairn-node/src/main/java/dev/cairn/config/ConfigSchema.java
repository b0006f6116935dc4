package dev.cairn.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every section and setting Cairn knows, in file order. Adding a section means adding its record's
 * {@code SETTINGS} here and a field to {@link CairnConfig}; the parser, environment mapping, default
 * file and docs follow automatically.
 */
public final class ConfigSchema {
    /** One table of config.toml. */
    public record Section(String name, String description, List<Setting> settings) {}

    public static final List<Section> SECTIONS = List.of(
            new Section(StoreConfig.SECTION, "Block storage: packs (CARv1 files) and the metadata database.",
                    StoreConfig.SETTINGS),
            new Section(ImportConfig.SECTION, "Importing files and directories into UnixFS DAGs.",
                    ImportConfig.SETTINGS),
            new Section(ApiConfig.SECTION, "The API listener: Pinning Service API, Kubo RPC subset, admin.",
                    ApiConfig.SETTINGS),
            new Section(GatewayConfig.SECTION, "The HTTP gateway.", GatewayConfig.SETTINGS),
            new Section(FetchConfig.SECTION, "Fetching pinned content from the network.", FetchConfig.SETTINGS),
            new Section(PinningConfig.SECTION, "Pin jobs: workers, leases, retries.", PinningConfig.SETTINGS),
            new Section(GcConfig.SECTION, "Garbage collection of blocks no live pin reaches.", GcConfig.SETTINGS));

    public static final List<Setting> SETTINGS;
    private static final Map<String, Setting> BY_NAME = new LinkedHashMap<>();

    static {
        List<Setting> all = new ArrayList<>();
        for (Section section : SECTIONS) {
            for (Setting s : section.settings()) {
                if (!s.section().equals(section.name()) || BY_NAME.put(s.name(), s) != null) {
                    throw new ExceptionInInitializerError("misplaced or duplicate setting " + s.name());
                }
                all.add(s);
            }
        }
        SETTINGS = List.copyOf(all);
    }

    private ConfigSchema() {}

    /** The setting with dotted name {@code section.key}, if any. */
    public static Optional<Setting> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The section with this name, if any. */
    public static Optional<Section> section(String name) {
        return SECTIONS.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
