package dev.cairn.fetch;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * Installs {@link NamePins} as the JVM's name resolver (registered in
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}). Names the fetcher has not
 * pinned are answered by the built-in resolver, unchanged.
 */
public final class PinningResolverProvider extends InetAddressResolverProvider {
    @Override
    public InetAddressResolver get(Configuration configuration) {
        NamePins.GLOBAL.install(configuration.builtinResolver());
        return NamePins.GLOBAL.resolver();
    }

    @Override
    public String name() {
        return "cairn-fetch-pinned-names";
    }
}
