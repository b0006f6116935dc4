package dev.cairn.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses outbound fetches may connect to. A pin request names its origins, so without
 * this check any account could make the node probe its own network (cloud metadata at
 * 169.254.169.254, an admin port on 127.0.0.1, a database on 10.x): loopback, private (RFC 1918,
 * RFC 6598, fc00::/7), link-local, unspecified, multicast and reserved ranges are refused unless
 * the operator allows private origins ({@code fetch.allow-private-origins}).
 */
final class AddressPolicy {
    private final boolean allowPrivate;

    AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Why {@code address} is refused ("a loopback address"), or empty when it may be used. */
    Optional<String> refusal(InetAddress address) {
        return allowPrivate ? Optional.empty() : Optional.ofNullable(kind(address));
    }

    /** What kind of non-public address this is, or null for a public unicast address. */
    static String kind(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return kind4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "a private address";
            }
            if (isPrefixZero(b, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff
                    || isPrefixZero(b, 12)
                    || (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12))) {
                // IPv4-mapped, IPv4-compatible and NAT64 forms reach the embedded IPv4 address.
                String embedded = kind4(new byte[] {b[12], b[13], b[14], b[15]});
                return embedded != null ? embedded : null;
            }
        }
        return null;
    }

    private static String kind4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return "an unspecified address";
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 10 || a0 == 172 && (a1 & 0xf0) == 16 || a0 == 192 && a1 == 168 || a0 == 100 && (a1 & 0xc0) == 64) {
            return "a private address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address";
        }
        if (a0 >= 224 && a0 < 240) {
            return "a multicast address";
        }
        if (a0 >= 240 || a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0 || a0 == 198 && (a1 & 0xfe) == 18) {
            return "a reserved address";
        }
        return null;
    }

    private static boolean isPrefixZero(byte[] b, int n) {
        return isZero(b, 0, n);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
