package dev.cairn.config;

import java.util.List;

/**
 * Section {@code [gateway]}: the HTTP gateway (path, subdomain, trustless) and delegated routing.
 *
 * @param listen where the gateway binds
 * @param mode who may read what
 */
public record GatewayConfig(ListenAddress listen, GatewayMode mode) {
    public static final String SECTION = "gateway";
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    public static final GatewayMode DEFAULT_MODE = GatewayMode.PINNED;

    static final Setting LISTEN = Setting.string(SECTION, "listen", DEFAULT_LISTEN,
            "host:port for the gateway (/ipfs, /ipns, trustless responses) and delegated routing.");
    static final Setting MODE = Setting.string(SECTION, "mode", DEFAULT_MODE.label(),
            "public: serve any local content; pinned: only content some account pins; private: a gateway token is required and only that account's pins are served.");
    static final List<Setting> SETTINGS = List.of(LISTEN, MODE);

    static GatewayConfig from(ConfigValues values) {
        return new GatewayConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)),
                values.parse(MODE, text -> GatewayMode.parse(MODE.name(), text)));
    }

    public GatewayConfig validate() {
        if (listen == null) {
            throw new ConfigException(LISTEN.name() + " must be set");
        }
        if (mode == null) {
            throw new ConfigException(MODE.name() + " must be set");
        }
        return this;
    }
}
