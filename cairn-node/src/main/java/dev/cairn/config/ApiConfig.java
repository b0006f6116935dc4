package dev.cairn.config;

import java.util.List;

/**
 * Section {@code [api]}: the listener for the Pinning Service API, the Kubo RPC subset and admin.
 *
 * @param listen where the API server binds
 * @param maxBodyBytes largest request body the API reads whole (JSON bodies); larger is a 413
 */
public record ApiConfig(ListenAddress listen, long maxBodyBytes) {
    public static final String SECTION = "api";
    public static final String DEFAULT_LISTEN = "127.0.0.1:5001";
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    static final Setting LISTEN = Setting.string(SECTION, "listen", DEFAULT_LISTEN,
            "host:port for the Pinning Service API, the Kubo RPC subset (/api/v0) and admin endpoints.");
    static final Setting MAX_BODY_BYTES = Setting.integer(SECTION, "max-body-bytes", DEFAULT_MAX_BODY_BYTES,
            "Largest request body (bytes) the API reads whole, e.g. a pin request's JSON; larger bodies get 413.");
    static final List<Setting> SETTINGS = List.of(LISTEN, MAX_BODY_BYTES);

    static ApiConfig from(ConfigValues values) {
        return new ApiConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)),
                values.integer(MAX_BODY_BYTES));
    }

    /** @throws ConfigException naming the first invalid key */
    public ApiConfig validate() {
        if (listen == null) {
            throw new ConfigException(LISTEN.name() + " must be set");
        }
        if (maxBodyBytes <= 0) {
            throw new ConfigException(MAX_BODY_BYTES.name() + " must be > 0, got " + maxBodyBytes);
        }
        return this;
    }
}
