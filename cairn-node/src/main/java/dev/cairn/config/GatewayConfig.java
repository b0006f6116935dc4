package dev.cairn.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Section {@code [gateway]}: the HTTP gateway (path, subdomain, trustless) and delegated routing.
 *
 * @param listen where the gateway binds
 * @param mode who may read what
 * @param announceAddrs multiaddrs the delegated routing server gives for this gateway; empty: the
 *     bound address (see {@link GatewayLimitsConfig} for the limits)
 * @param limits overload limits
 */
public record GatewayConfig(ListenAddress listen, GatewayMode mode, List<String> announceAddrs,
                            GatewayLimitsConfig limits) {
    public static final String SECTION = "gateway";
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    public static final GatewayMode DEFAULT_MODE = GatewayMode.PINNED;

    static final Setting LISTEN = Setting.string(SECTION, "listen", DEFAULT_LISTEN,
            "host:port for the gateway (/ipfs, /ipns, trustless responses) and delegated routing.");
    static final Setting MODE = Setting.string(SECTION, "mode", DEFAULT_MODE.label(),
            "public: serve any local content; pinned: only content some account pins; private: a gateway token is required and only that account's pins are served.");
    static final Setting ANNOUNCE_ADDRS = Setting.string(SECTION, "announce-addrs", "",
            "Multiaddrs (comma-separated) /routing/v1/providers gives for this gateway, e.g. /dns/gw.example.com/tcp/443/https. Empty: the bound address.");
    static final List<Setting> SETTINGS;

    static {
        List<Setting> all = new ArrayList<>(List.of(LISTEN, MODE, ANNOUNCE_ADDRS));
        all.addAll(GatewayLimitsConfig.SETTINGS);
        SETTINGS = List.copyOf(all);
    }

    public GatewayConfig {
        announceAddrs = announceAddrs == null ? List.of() : List.copyOf(announceAddrs);
    }

    /** Listen address and mode, no announced addresses, default limits. */
    public GatewayConfig(ListenAddress listen, GatewayMode mode) {
        this(listen, mode, List.of(), GatewayLimitsConfig.defaults());
    }

    static GatewayConfig from(ConfigValues values) {
        return new GatewayConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)),
                values.parse(MODE, text -> GatewayMode.parse(MODE.name(), text)),
                values.parse(ANNOUNCE_ADDRS, text -> httpMultiaddrs(ANNOUNCE_ADDRS.name(), text)),
                GatewayLimitsConfig.from(values));
    }

    /**
     * A comma- or space-separated list of multiaddrs of an HTTP(S) endpoint: they must end in
     * {@code /http}, {@code /https} or {@code /tls/http}, as routing clients look for those.
     */
    static List<String> httpMultiaddrs(String key, String text) {
        List<String> out = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (!item.startsWith("/") || !(item.endsWith("/http") || item.endsWith("/https"))) {
                throw new ConfigException(key + " must list HTTP multiaddrs such as /dns/gw.example.com/tcp/443/https,"
                        + " got '" + item + "'");
            }
            out.add(item);
        }
        return List.copyOf(out);
    }

    public GatewayConfig validate() {
        if (listen == null) {
            throw new ConfigException(LISTEN.name() + " must be set");
        }
        if (mode == null) {
            throw new ConfigException(MODE.name() + " must be set");
        }
        if (limits == null) {
            throw new ConfigException("the gateway limits must be set");
        }
        limits.validate();
        return this;
    }
}
