package dev.cairn.gateway;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The multiaddrs under which this gateway is advertised as an HTTP provider
 * ({@code /ip4/127.0.0.1/tcp/8080/http}), and the IPIP-484 {@code filter-addrs} over them.
 */
public final class GatewayAddresses {
    private GatewayAddresses() {}

    /**
     * The multiaddrs of a listener bound to {@code host:port}: an IP literal as itself, a name as
     * {@code /dns/}, and a wildcard ({@code 0.0.0.0}, {@code ::}) as every address of every
     * interface that is up (loopback last), since a wildcard is no address a peer can dial.
     */
    public static List<String> ofBound(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0")) {
            return interfaces(port, h.contains(":"));
        }
        if (h.matches("[0-9.]+")) {
            return List.of("/ip4/" + h + "/tcp/" + port + "/http");
        }
        if (h.contains(":")) {
            return List.of("/ip6/" + h + "/tcp/" + port + "/http");
        }
        return List.of("/dns/" + h.toLowerCase(Locale.ROOT) + "/tcp/" + port + "/http");
    }

    private static List<String> interfaces(int port, boolean withIpv6) {
        List<String> out = new ArrayList<>();
        List<String> loopback = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String addr;
                    if (a instanceof Inet4Address) {
                        addr = "/ip4/" + a.getHostAddress() + "/tcp/" + port + "/http";
                    } else if (withIpv6 && a instanceof Inet6Address six && !six.isLinkLocalAddress()) {
                        String text = a.getHostAddress();
                        int zone = text.indexOf('%');
                        addr = "/ip6/" + (zone < 0 ? text : text.substring(0, zone)) + "/tcp/" + port + "/http";
                    } else {
                        continue;
                    }
                    (a.isLoopbackAddress() ? loopback : out).add(addr);
                }
            }
        } catch (SocketException e) {
            // No interface list: the loopback address is still true for local clients.
        }
        out.addAll(loopback);
        return out.isEmpty() ? List.of("/ip4/127.0.0.1/tcp/" + port + "/http") : List.copyOf(out);
    }

    /**
     * IPIP-484: {@code filter} lists multiaddr protocol names, {@code !name} excluding; an address
     * is kept when it has none of the excluded protocols and, if any are included, at least one
     * of them. Absent or empty: everything.
     */
    static List<String> filter(List<String> addrs, String filter) {
        if (filter == null || filter.isBlank()) {
            return addrs;
        }
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String f : filter.split(",")) {
            String name = f.strip().toLowerCase(Locale.ROOT);
            if (name.startsWith("!")) {
                exclude.add(name.substring(1));
            } else if (!name.isEmpty() && !name.equals("unknown")) {
                include.add(name);
            }
        }
        List<String> out = new ArrayList<>();
        for (String addr : addrs) {
            List<String> protocols = protocols(addr);
            if (protocols.stream().anyMatch(exclude::contains)) {
                continue;
            }
            if (include.isEmpty() || protocols.stream().anyMatch(include::contains)) {
                out.add(addr);
            }
        }
        return out;
    }

    /** The protocol names of a multiaddr, e.g. {@code ip4, tcp, http} (values are skipped). */
    private static List<String> protocols(String addr) {
        String[] parts = addr.toLowerCase(Locale.ROOT).split("/");
        List<String> names = new ArrayList<>();
        int i = 1;
        while (i < parts.length) {
            String p = parts[i];
            names.add(p);
            boolean hasValue = switch (p) {
                case "ip4", "ip6", "dns", "dns4", "dns6", "dnsaddr", "tcp", "udp", "p2p", "ipfs", "sni" -> true;
                default -> false;
            };
            i += hasValue ? 2 : 1;
        }
        return names;
    }
}
