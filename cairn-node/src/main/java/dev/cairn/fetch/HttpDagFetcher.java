package dev.cairn.fetch;

import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;
import dev.cairn.config.FetchConfig;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * A {@link DagFetcher} over HTTP trustless gateways
 * (https://specs.ipfs.tech/http-gateways/trustless-gateway/): the request's HTTP(S) origins, the
 * configured upstream gateways, and providers found through delegated routing, in that order.
 *
 * <p>Thread-safe: one instance serves every pin worker; each {@link #fetch} call has its own
 * state and watchdog, and they share one {@link HttpClient} (its connection pool). Redirects are
 * never followed, because a redirect could lead around the address policy to a private address.
 *
 * <p>Address policy and DNS: a source's host is resolved and every address checked immediately
 * before each request; {@link NamePins} makes the HTTP client connect to checked addresses only,
 * so a name cannot be rebound to a private address between the check and the connect.
 */
public final class HttpDagFetcher implements DagFetcher, AutoCloseable {
    static {
        // The JDK client reads responses in 16 KiB buffers by default, which caps a CAR stream at
        // about half of what curl gets on loopback; 256 KiB buffers reach curl's speed (measured
        // with bench/pin-fetch.sh). The property is read once, when the client's internals load.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
        }
    }

    private final FetchConfig config;
    private final HttpClient client;
    private final HostResolver resolver;
    private final DelegatedRouting routing;

    public HttpDagFetcher(FetchConfig config) {
        this(config, HostResolver.SYSTEM);
    }

    HttpDagFetcher(FetchConfig config, HostResolver resolver) {
        this.config = Objects.requireNonNull(config, "config").validate();
        this.resolver = resolver;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.routing = new DelegatedRouting(client, config.sourceIdleTimeout());
    }

    @Override
    public FetchProgress fetch(FetchRequest request, BlockSource local, BlockSink sink, FetchListener listener)
            throws FetchException, InterruptedException {
        Objects.requireNonNull(request, "request");
        try (Watchdog watchdog = new Watchdog(config.inactivityTimeout(), config.sourceIdleTimeout())) {
            return new FetchSession(config, client, resolver, routing, request, local, sink, listener, watchdog).run();
        }
    }

    /** Shuts the shared HTTP client down, aborting any request still in flight (node shutdown). */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
