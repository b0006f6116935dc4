package dev.cairn.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution, the seam the address policy checks through. */
@FunctionalInterface
interface HostResolver {
    /** The JVM's resolver: the same lookup (and cache) the HTTP client connects through. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
