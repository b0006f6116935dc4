package dev.cairn.config;

import java.util.List;

/**
 * Section {@code [api]}: the listener for the Pinning Service API, the Kubo RPC subset and admin.
 *
 * @param listen where the API server binds
 */
public record ApiConfig(ListenAddress listen) {
    public static final String SECTION = "api";
    public static final String DEFAULT_LISTEN = "127.0.0.1:5001";

    static final Setting LISTEN = Setting.string(SECTION, "listen", DEFAULT_LISTEN,
            "host:port for the Pinning Service API, the Kubo RPC subset (/api/v0) and admin endpoints.");
    static final List<Setting> SETTINGS = List.of(LISTEN);

    static ApiConfig from(ConfigValues values) {
        return new ApiConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)));
    }

    public ApiConfig validate() {
        if (listen == null) {
            throw new ConfigException(LISTEN.name() + " must be set");
        }
        return this;
    }
}
