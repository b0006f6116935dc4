package dev.cairn.config;

import java.nio.file.Path;

/**
 * The whole effective configuration: one record per component section, plus the raw values it was
 * built from (for {@code cairn config} and for error messages).
 */
public record CairnConfig(
        StoreConfig store,
        ImportConfig importer,
        ApiConfig api,
        GatewayConfig gateway,
        FetchConfig fetch,
        PinningConfig pinning,
        GcConfig gc,
        ConfigValues values) {

    /** Builds every section from layered raw values and validates it. */
    public static CairnConfig from(ConfigValues values, Path home) {
        return new CairnConfig(
                StoreConfig.from(values, home),
                ImportConfig.from(values),
                ApiConfig.from(values),
                GatewayConfig.from(values),
                FetchConfig.from(values),
                PinningConfig.from(values),
                GcConfig.from(values),
                values).validate();
    }

    /** The configuration with every default, data under {@code home}. */
    public static CairnConfig defaults(Path home) {
        return from(ConfigValues.defaults(), home);
    }

    /** @throws ConfigException naming the first invalid key */
    public CairnConfig validate() {
        store.validate();
        importer.validate();
        api.validate();
        gateway.validate();
        fetch.validate();
        pinning.validate();
        gc.validate();
        return this;
    }
}
