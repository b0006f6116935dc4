package dev.cairn.gateway;

import dev.cairn.cid.Cid;
import dev.cairn.config.GatewayConfig;
import dev.cairn.http.HttpException;
import dev.cairn.multiformats.Multibase;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host names on which this gateway is a subdomain gateway
 * (https://specs.ipfs.tech/http-gateways/subdomain-gateway/): {@code {cid}.ipfs.{host}} serves the
 * content root of {@code cid} on its own web origin, and path requests on {@code {host}} itself
 * are sent there. Only the configured names count: any other Host, however it looks, gets the
 * plain path gateway, so a deployment that never configured a name behaves as before.
 *
 * <p>Pure: looks at strings and CIDs only. {@link SubdomainRouter} applies it to requests.
 */
public final class SubdomainHosts {
    /** RFC 1035: a DNS label holds at most 63 characters, so longer CID labels cannot be hostnames. */
    public static final int DNS_LABEL_MAX = 63;

    private final List<String> hosts;

    private SubdomainHosts(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    /**
     * @param hosts bare host names ({@code localhost}, {@code dweb.example.net}), no port or scheme
     * @throws IllegalArgumentException when one is not a host name
     */
    public static SubdomainHosts of(List<String> hosts) {
        for (String h : hosts) {
            if (!GatewayConfig.isHostName(h)) {
                throw new IllegalArgumentException("not a host name: '" + h + "'");
            }
        }
        return new SubdomainHosts(hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    /** No subdomain gateway: every request is a path gateway request. */
    public static SubdomainHosts none() {
        return new SubdomainHosts(List.of());
    }

    public List<String> hosts() {
        return hosts;
    }

    /** What a {@code Host} value names. */
    sealed interface Match permits PathGateway, GatewayHost, Subdomain {
    }

    /** A host that is not configured (or no Host at all): the plain path gateway. */
    record PathGateway() implements Match {
    }

    /** A configured host itself; {@code authority} keeps the port the client used. */
    record GatewayHost(String authority) implements Match {
    }

    /**
     * {@code {label}.{namespace}.{authority}} under a configured host.
     *
     * @param namespace {@code ipfs} or {@code ipns}
     */
    record Subdomain(String label, String namespace, String authority) implements Match {
    }

    /** Classifies a {@code Host} (or {@code X-Forwarded-Host}) header value such as {@code bafy….ipfs.localhost:8080}. */
    Match match(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hosts.isEmpty()) {
            return new PathGateway();
        }
        // Host names compare case-insensitively, but the label keeps its case: a CIDv0 (base58) label
        // is only readable as given, to be redirected to its canonical form.
        String given = hostHeader.strip();
        String value = given.toLowerCase(Locale.ROOT);
        String name = value;
        String port = "";
        int colon = value.lastIndexOf(':');
        if (colon >= 0 && !value.endsWith("]")) {
            name = value.substring(0, colon);
            port = value.substring(colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // the fully qualified form names the same host
        }
        for (String host : hosts) {
            if (name.equals(host)) {
                return new GatewayHost(host + port);
            }
            if (name.endsWith("." + host)) {
                String[] labels = name.substring(0, name.length() - host.length() - 1).split("\\.", -1);
                if (labels.length == 2 && !labels[0].isEmpty()
                        && (labels[1].equals("ipfs") || labels[1].equals("ipns"))) {
                    return new Subdomain(given.substring(0, labels[0].length()), labels[1], host + port);
                }
            }
        }
        return new PathGateway();
    }

    /**
     * The label a CID takes in a subdomain: CIDv1 in base32 (case-insensitive, as host names
     * are), or base36 when base32 exceeds the 63-character DNS label limit, as Kubo does.
     *
     * @throws HttpException 400 when neither fits in a DNS label
     */
    static String dnsLabel(Cid cid) {
        Cid v1 = cid.toV1();
        String base32 = v1.toString(Multibase.BASE32);
        if (base32.length() <= DNS_LABEL_MAX) {
            return base32;
        }
        String base36 = v1.toString(Multibase.BASE36);
        if (base36.length() <= DNS_LABEL_MAX) {
            return base36;
        }
        throw HttpException.badRequest("CID incompatible with DNS label length limit of " + DNS_LABEL_MAX + ": " + cid
                + " (use the path gateway on a host that is not a subdomain gateway)");
    }

    /** The CID in a subdomain label, if it is one. */
    static Optional<Cid> cidOf(String label) {
        try {
            return Optional.of(Cid.parse(label));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
