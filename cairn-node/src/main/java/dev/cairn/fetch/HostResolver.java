package dev.cairn.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution, the seam the address policy checks through. */
@FunctionalInterface
interface HostResolver {
    /**
     * The JVM's resolver, with the answer pinned until the connect ({@link NamePins}): every
     * address returned must pass the policy.
     */
    HostResolver SYSTEM = NamePins.GLOBAL::resolveForConnect;

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
