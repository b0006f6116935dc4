package dev.cairn.config;

import java.util.List;

/**
 * Section {@code [fetch]}: outbound fetching of pinned content from origins, gateways, providers.
 *
 * @param allowPrivateOrigins allow origins that resolve to loopback, private or link-local
 *     addresses (tests and private clusters need it; public nodes must not, or any user could make
 *     the node probe its own network)
 */
public record FetchConfig(boolean allowPrivateOrigins) {
    public static final String SECTION = "fetch";
    public static final boolean DEFAULT_ALLOW_PRIVATE_ORIGINS = false;

    static final Setting ALLOW_PRIVATE_ORIGINS = Setting.bool(SECTION, "allow-private-origins",
            DEFAULT_ALLOW_PRIVATE_ORIGINS,
            "Allow fetching from origins that resolve to loopback, private or link-local addresses. Keep false on a public node.");
    static final List<Setting> SETTINGS = List.of(ALLOW_PRIVATE_ORIGINS);

    static FetchConfig from(ConfigValues values) {
        return new FetchConfig(values.bool(ALLOW_PRIVATE_ORIGINS));
    }

    public FetchConfig validate() {
        return this;
    }
}
