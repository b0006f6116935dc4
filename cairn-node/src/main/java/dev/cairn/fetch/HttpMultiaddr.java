package dev.cairn.fetch;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the multiaddrs of a pin request's {@code origins} (and of routing providers) into the
 * base URL of a trustless gateway. Accepted, with an optional trailing {@code /p2p/<peer id>}:
 *
 * <pre>
 *   /ip4|ip6|dns|dns4|dns6/&lt;host&gt;/tcp/&lt;port&gt;/http
 *   /ip4|ip6|dns|dns4|dns6/&lt;host&gt;/tcp/&lt;port&gt;/https     (same as .../tls/http)
 * </pre>
 *
 * Anything else (libp2p transports, {@code /tls/sni/...}, {@code /http-path}) yields empty: the
 * Pinning Service API lets clients send any multiaddr as a hint, and a hint we cannot use is not
 * an error. Parsing is strict about what it accepts, so a malformed address never becomes a
 * request to some other host.
 */
public final class HttpMultiaddr {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern PORT = Pattern.compile("[1-9]\\d{0,4}");
    private static final Pattern PEER_ID = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{1,128}|[a-z2-7]{1,128}");

    private HttpMultiaddr() {}

    /** The base URL ({@code http://host:port}, no trailing slash) of {@code multiaddr}, or empty. */
    public static Optional<URI> toUrl(String multiaddr) {
        if (multiaddr == null || multiaddr.length() > 1024 || !multiaddr.startsWith("/")) {
            return Optional.empty();
        }
        String[] p = multiaddr.substring(1).split("/", -1);
        int n = p.length;
        // A trailing /p2p/<id> names the peer; it does not change where we connect.
        if (n >= 2 && (p[n - 2].equals("p2p") || p[n - 2].equals("ipfs")) && PEER_ID.matcher(p[n - 1]).matches()) {
            n -= 2;
        }
        String scheme;
        if (n == 5 && p[4].equals("http")) {
            scheme = "http";
        } else if (n == 5 && p[4].equals("https")) {
            scheme = "https";
        } else if (n == 6 && p[4].equals("tls") && p[5].equals("http")) {
            scheme = "https";
        } else {
            return Optional.empty();
        }
        if (!p[2].equals("tcp") || !PORT.matcher(p[3]).matches() || Integer.parseInt(p[3]) > 65535) {
            return Optional.empty();
        }
        String host = host(p[0], p[1]);
        if (host == null) {
            return Optional.empty();
        }
        return Optional.of(URI.create(scheme + "://" + host + ":" + p[3]));
    }

    private static String host(String protocol, String value) {
        return switch (protocol) {
            case "ip4" -> IPV4.matcher(value).matches() ? value : null;
            case "ip6" -> IPV6.matcher(value).matches() && value.length() <= 45 ? "[" + value + "]" : null;
            case "dns", "dns4", "dns6" -> DNS_NAME.matcher(value).matches() && !IPV4.matcher(value).matches()
                    ? value : null;
            default -> null;
        };
    }
}
