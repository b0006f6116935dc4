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
 */
public record GatewayConfig(ListenAddress listen, GatewayMode mode, List<String> subdomainHosts) {
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
    static final List<Setting> SETTINGS = List.of(LISTEN, MODE, SUBDOMAIN_HOSTS);

    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public GatewayConfig {
        subdomainHosts = subdomainHosts == null ? null : List.copyOf(subdomainHosts);
    }

    /** A gateway with the default subdomain hosts. */
    public GatewayConfig(ListenAddress listen, GatewayMode mode) {
        this(listen, mode, hosts(SUBDOMAIN_HOSTS.name(), DEFAULT_SUBDOMAIN_HOSTS));
    }

    static GatewayConfig from(ConfigValues values) {
        return new GatewayConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)),
                values.parse(MODE, text -> GatewayMode.parse(MODE.name(), text)),
                values.parse(SUBDOMAIN_HOSTS, text -> hosts(SUBDOMAIN_HOSTS.name(), text)));
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
        return this;
    }
}
