package dev.cairn.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Section {@code [gateway]}: the HTTP gateway (path, subdomain, trustless) and delegated routing.
 *
 * @param listen where the gateway binds
 * @param mode who may read what
 * @param subdomainHosts host names on which {@code {cid}.ipfs.{host}} is a subdomain gateway (lower case)
 * @param announceAddrs multiaddrs the delegated routing server gives for this gateway; empty: the
 *     bound address
 * @param limits overload limits (keys of this section too, see {@link GatewayLimitsConfig})
 */
public record GatewayConfig(ListenAddress listen, GatewayMode mode, List<String> subdomainHosts,
                            List<String> announceAddrs, GatewayLimitsConfig limits) {
    public static final String SECTION = "gateway";
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    public static final GatewayMode DEFAULT_MODE = GatewayMode.PINNED;

    static final Setting LISTEN = Setting.string(SECTION, "listen", DEFAULT_LISTEN,
            "host:port for the gateway (/ipfs, /ipns, trustless responses) and delegated routing.");
    static final Setting MODE = Setting.string(SECTION, "mode", DEFAULT_MODE.label(),
            "public: serve any local content; pinned: only content some account pins; private: a gateway token is required and only that account's pins are served.");
    public static final String DEFAULT_SUBDOMAIN_HOSTS = "localhost";
    static final Setting SUBDOMAIN_HOSTS = Setting.string(SECTION, "subdomain-hosts", DEFAULT_SUBDOMAIN_HOSTS,
            "Host names on which the gateway is also a subdomain gateway ({cid}.ipfs.{host}), separated by commas; path requests on them are redirected there. Empty: none.");
    static final Setting ANNOUNCE_ADDRS = Setting.string(SECTION, "announce-addrs", "",
            "Multiaddrs (comma-separated) /routing/v1/providers gives for this gateway, e.g. /dns/gw.example.com/tcp/443/https. Empty: the bound address.");
    static final List<Setting> SETTINGS;

    static {
        List<Setting> all = new ArrayList<>(List.of(LISTEN, MODE, SUBDOMAIN_HOSTS, ANNOUNCE_ADDRS));
        all.addAll(GatewayLimitsConfig.SETTINGS);
        SETTINGS = List.copyOf(all);
    }

    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public GatewayConfig {
        subdomainHosts = subdomainHosts == null ? null : List.copyOf(subdomainHosts);
        announceAddrs = announceAddrs == null ? List.of() : List.copyOf(announceAddrs);
    }

    /** A gateway with the default subdomain hosts, no announced addresses and the default limits. */
    public GatewayConfig(ListenAddress listen, GatewayMode mode) {
        this(listen, mode, hosts(SUBDOMAIN_HOSTS.name(), DEFAULT_SUBDOMAIN_HOSTS));
    }

    /** A gateway with these subdomain hosts, no announced addresses and the default limits. */
    public GatewayConfig(ListenAddress listen, GatewayMode mode, List<String> subdomainHosts) {
        this(listen, mode, subdomainHosts, List.of(), GatewayLimitsConfig.defaults());
    }

    static GatewayConfig from(ConfigValues values) {
        return new GatewayConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)),
                values.parse(MODE, text -> GatewayMode.parse(MODE.name(), text)),
                values.parse(SUBDOMAIN_HOSTS, text -> hosts(SUBDOMAIN_HOSTS.name(), text)),
                values.parse(ANNOUNCE_ADDRS, text -> httpMultiaddrs(ANNOUNCE_ADDRS.name(), text)),
                GatewayLimitsConfig.from(values));
    }

    /** True for a bare DNS host name (letters, digits, hyphens, dots; any case), as a subdomain host must be. */
    public static boolean isHostName(String text) {
        return text != null && text.length() <= 253 && HOST_NAME.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }

    /** Parses a comma- or space-separated list of bare host names (no scheme, port or wildcard). */
    public static List<String> hosts(String key, String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String host = part.toLowerCase(Locale.ROOT);
            if (!isHostName(host)) {
                throw new ConfigException(key + " must list bare host names such as localhost or dweb.example.net"
                        + " (no scheme, port or wildcard), got '" + part + "'");
            }
            if (!out.contains(host)) {
                out.add(host);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A comma- or space-separated list of multiaddrs of an HTTP(S) endpoint: they must end in
     * {@code /http} or {@code /https} (also {@code /tls/http}), as routing clients look for those.
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
        if (subdomainHosts == null) {
            throw new ConfigException(SUBDOMAIN_HOSTS.name() + " must be set (empty for none)");
        }
        if (limits == null) {
            throw new ConfigException("the gateway limits must be set");
        }
        limits.validate();
        return this;
    }
}
