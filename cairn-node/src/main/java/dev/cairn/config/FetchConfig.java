package dev.cairn.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section {@code [fetch]}: outbound fetching of pinned content from origins, gateways, providers.
 *
 * @param allowPrivateOrigins allow origins that resolve to loopback, private or link-local
 *     addresses (tests and private clusters need it; public nodes must not, or any user could make
 *     the node probe its own network)
 * @param upstreamGateways trustless gateways asked after the request's own origins (base URLs,
 *     no trailing slash)
 * @param routingEndpoints delegated routing servers asked for providers last (base URLs, no
 *     trailing slash; {@code /routing/v1/providers/{cid}} is appended)
 * @param inactivityTimeout a fetch fails when no new verified block arrived for this long
 * @param sourceIdleTimeout a source that sends nothing for this long during one request is
 *     dropped for the rest of the fetch, so one stalled source cannot use up the inactivity budget
 * @param connectTimeout TCP (and TLS) connect timeout per source
 * @param maxBlockSize largest block accepted from a source, in bytes
 */
public record FetchConfig(
        boolean allowPrivateOrigins,
        List<URI> upstreamGateways,
        List<URI> routingEndpoints,
        Duration inactivityTimeout,
        Duration sourceIdleTimeout,
        Duration connectTimeout,
        int maxBlockSize) {
    public static final String SECTION = "fetch";
    public static final boolean DEFAULT_ALLOW_PRIVATE_ORIGINS = false;
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SOURCE_IDLE_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The trustless-gateway and Bitswap limit; larger blocks are refused everywhere. */
    public static final int MAX_BLOCK_SIZE_LIMIT = 2 * 1024 * 1024;

    static final Setting ALLOW_PRIVATE_ORIGINS = Setting.bool(SECTION, "allow-private-origins",
            DEFAULT_ALLOW_PRIVATE_ORIGINS,
            "Allow fetching from origins that resolve to loopback, private or link-local addresses. Keep false on a public node.");
    static final Setting UPSTREAM_GATEWAYS = Setting.string(SECTION, "upstream-gateways", "",
            "Trustless gateways (base URLs, comma-separated) asked after the pin request's own origins.");
    static final Setting ROUTING_ENDPOINTS = Setting.string(SECTION, "routing-endpoints", "",
            "Delegated routing servers (base URLs, comma-separated) asked for providers when origins and gateways do not have a block.");
    static final Setting INACTIVITY_TIMEOUT = Setting.string(SECTION, "inactivity-timeout",
            Durations.format(DEFAULT_INACTIVITY_TIMEOUT),
            "A fetch fails when no new verified block arrived for this long (e.g. 60s, 5m).");
    static final Setting SOURCE_IDLE_TIMEOUT = Setting.string(SECTION, "source-idle-timeout",
            Durations.format(DEFAULT_SOURCE_IDLE_TIMEOUT),
            "A source that sends nothing for this long during a request is dropped for the rest of the fetch.");
    static final Setting CONNECT_TIMEOUT = Setting.string(SECTION, "connect-timeout",
            Durations.format(DEFAULT_CONNECT_TIMEOUT), "Connect timeout per source.");
    static final Setting MAX_BLOCK_SIZE = Setting.integer(SECTION, "max-block-size", MAX_BLOCK_SIZE_LIMIT,
            "Largest block accepted from a source, in bytes (at most 2097152).");
    static final List<Setting> SETTINGS = List.of(ALLOW_PRIVATE_ORIGINS, UPSTREAM_GATEWAYS, ROUTING_ENDPOINTS,
            INACTIVITY_TIMEOUT, SOURCE_IDLE_TIMEOUT, CONNECT_TIMEOUT, MAX_BLOCK_SIZE);

    public FetchConfig {
        upstreamGateways = List.copyOf(upstreamGateways);
        routingEndpoints = List.copyOf(routingEndpoints);
    }

    /** Defaults, with only the private-address policy chosen (what most tests need). */
    public FetchConfig(boolean allowPrivateOrigins) {
        this(allowPrivateOrigins, List.of(), List.of(), DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SOURCE_IDLE_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT, MAX_BLOCK_SIZE_LIMIT);
    }

    static FetchConfig from(ConfigValues values) {
        long maxBlock = values.integer(MAX_BLOCK_SIZE);
        if (maxBlock <= 0 || maxBlock > MAX_BLOCK_SIZE_LIMIT) {
            throw new ConfigException(MAX_BLOCK_SIZE.name() + " must be between 1 and " + MAX_BLOCK_SIZE_LIMIT
                    + ", got " + maxBlock + " (from " + values.origin(MAX_BLOCK_SIZE) + ")");
        }
        return new FetchConfig(values.bool(ALLOW_PRIVATE_ORIGINS),
                values.parse(UPSTREAM_GATEWAYS, text -> urls(UPSTREAM_GATEWAYS.name(), text)),
                values.parse(ROUTING_ENDPOINTS, text -> urls(ROUTING_ENDPOINTS.name(), text)),
                values.parse(INACTIVITY_TIMEOUT, text -> Durations.parse(INACTIVITY_TIMEOUT.name(), text)),
                values.parse(SOURCE_IDLE_TIMEOUT, text -> Durations.parse(SOURCE_IDLE_TIMEOUT.name(), text)),
                values.parse(CONNECT_TIMEOUT, text -> Durations.parse(CONNECT_TIMEOUT.name(), text)),
                (int) maxBlock);
    }

    /**
     * Parses a comma- or space-separated list of http(s) base URLs; a trailing slash is dropped.
     *
     * @throws ConfigException naming {@code key} for anything that is not an absolute http(s) URL
     *     without query or fragment
     */
    public static List<URI> urls(String key, String text) {
        List<URI> out = new ArrayList<>();
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(item);
            } catch (URISyntaxException e) {
                throw new ConfigException(key + " has an invalid URL '" + item + "': " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigException(key + " must list http(s) base URLs such as https://trustless-gateway.link, got '"
                        + item + "'");
            }
            String s = uri.toString();
            out.add(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
        }
        return List.copyOf(out);
    }

    /** @throws ConfigException naming the first invalid key */
    public FetchConfig validate() {
        requirePositive(INACTIVITY_TIMEOUT, inactivityTimeout);
        requirePositive(SOURCE_IDLE_TIMEOUT, sourceIdleTimeout);
        requirePositive(CONNECT_TIMEOUT, connectTimeout);
        if (maxBlockSize <= 0 || maxBlockSize > MAX_BLOCK_SIZE_LIMIT) {
            throw new ConfigException(MAX_BLOCK_SIZE.name() + " must be between 1 and " + MAX_BLOCK_SIZE_LIMIT
                    + ", got " + maxBlockSize);
        }
        return this;
    }

    private static void requirePositive(Setting s, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException(s.name() + " must be > 0, got " + (d == null ? "nothing" : Durations.format(d)));
        }
    }

    /** This configuration with other timeouts (tests use short ones). */
    public FetchConfig withTimeouts(Duration inactivity, Duration sourceIdle, Duration connect) {
        return new FetchConfig(allowPrivateOrigins, upstreamGateways, routingEndpoints, inactivity, sourceIdle,
                connect, maxBlockSize);
    }

    /** This configuration with other upstream gateways and routing endpoints. */
    public FetchConfig withSources(List<URI> gateways, List<URI> routing) {
        return new FetchConfig(allowPrivateOrigins, gateways, routing, inactivityTimeout, sourceIdleTimeout,
                connectTimeout, maxBlockSize);
    }
}
