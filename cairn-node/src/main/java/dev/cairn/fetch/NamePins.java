package dev.cairn.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Closes the DNS-rebinding gap between checking a source's addresses and connecting to it.
 *
 * <p>The HTTP client resolves host names itself, so checking the addresses first is not enough:
 * a name with a zero TTL could answer a public address to the check and {@code 10.0.0.1} to the
 * connect. {@link PinningResolverProvider} installs this class as the JVM's name resolver (the
 * {@code java.net.spi} service); for hosts the fetcher has pinned, it answers the pinned (checked)
 * addresses, and asks the built-in resolver for every other name.
 *
 * <p>{@link #resolveForConnect} resolves afresh, pins the answer for {@link #PIN_NANOS}, and then
 * also returns what the JVM's own cache holds for the name: the caller checks all of them. From
 * then until the pin expires, whatever the client connects to is either that cache entry or,
 * once the entry expires, the pinned answer: checked addresses only.
 */
final class NamePins {
    /** Long enough to cover the gap from check to connect many times over. */
    static final long PIN_NANOS = 60_000_000_000L;
    private static final int MAX_PINS = 4096;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    /** The instance the installed JVM resolver consults. */
    static final NamePins GLOBAL = new NamePins(null, NamePins::jvmLookup, System::nanoTime);

    /** One pinned answer. */
    private record Pin(List<InetAddress> addresses, long expires) {}

    private final Map<String, Pin> pins = new ConcurrentHashMap<>();
    private final JvmLookup jvm;
    private final LongSupplier clock;
    private volatile InetAddressResolver builtin;

    /** The lookup the HTTP client goes through (cache included). */
    @FunctionalInterface
    interface JvmLookup {
        List<InetAddress> lookup(String host) throws UnknownHostException;
    }

    NamePins(InetAddressResolver builtin, JvmLookup jvm, LongSupplier clock) {
        this.builtin = builtin;
        this.jvm = jvm;
        this.clock = clock;
    }

    private static List<InetAddress> jvmLookup(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }

    /** Called once by the provider when the JVM loads it. */
    void install(InetAddressResolver builtinResolver) {
        this.builtin = builtinResolver;
    }

    /** True when the JVM resolves names through {@link #resolver()}. */
    boolean installed() {
        return builtin != null;
    }

    /**
     * Every address a connection to {@code host} may use from now until the pin expires; the
     * caller refuses the host if any of them is refused. IP literals are returned as they are.
     */
    List<InetAddress> resolveForConnect(String host) throws UnknownHostException {
        InetAddressResolver b = builtin;
        if (IP_LITERAL.matcher(host).matches() || b == null) {
            // Literals involve no lookup; without the resolver installed the JVM cache is all we have.
            return jvm.lookup(host);
        }
        List<InetAddress> fresh = b.lookupByName(host, LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6)).toList();
        if (fresh.isEmpty()) {
            throw new UnknownHostException(host);
        }
        pin(host, fresh);
        LinkedHashSet<InetAddress> all = new LinkedHashSet<>(fresh);
        all.addAll(jvm.lookup(host));
        return List.copyOf(all);
    }

    private void pin(String host, List<InetAddress> addresses) {
        long now = clock.getAsLong();
        if (pins.size() >= MAX_PINS) {
            pins.values().removeIf(p -> p.expires - now < 0);
        }
        pins.put(key(host), new Pin(List.copyOf(addresses), now + PIN_NANOS));
    }

    /** The resolver the JVM uses once this is installed. */
    InetAddressResolver resolver() {
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Pin pin = pins.get(key(host));
                if (pin == null || pin.expires - clock.getAsLong() < 0) {
                    return builtin.lookupByName(host, policy);
                }
                List<InetAddress> answer = filter(pin.addresses, policy);
                if (answer.isEmpty()) {
                    throw new UnknownHostException(host);
                }
                return answer.stream();
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    private static List<InetAddress> filter(List<InetAddress> addresses, LookupPolicy policy) {
        int c = policy.characteristics();
        List<InetAddress> out = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (a instanceof Inet4Address && (c & LookupPolicy.IPV4) != 0
                    || a instanceof Inet6Address && (c & LookupPolicy.IPV6) != 0) {
                out.add(a);
            }
        }
        if ((c & LookupPolicy.IPV4_FIRST) != 0) {
            out.sort(Comparator.comparingInt(a -> a instanceof Inet4Address ? 0 : 1));
        } else if ((c & LookupPolicy.IPV6_FIRST) != 0) {
            out.sort(Comparator.comparingInt(a -> a instanceof Inet6Address ? 0 : 1));
        }
        return out;
    }

    private static String key(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
