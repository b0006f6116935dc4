package dev.cairn.fetch;

import dev.cairn.cid.Cid;
import dev.cairn.config.Durations;
import dev.cairn.config.FetchConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Requests against sources for one fetch: the address policy before each request, the watchdog
 * around it, and the verdict on failures (this source stalled, is unreachable, or the fetch is
 * over). Thread-safe; raw blocks are fetched from several threads at once.
 */
final class SourceClient {
    /** A 200 answer being read; closing it closes the body and ends the watchdog's request. */
    record Exchange(HttpResponse<InputStream> response, InputStream body, Watchdog.Request request)
            implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(body);
            request.end();
        }
    }

    private final FetchConfig config;
    private final HttpClient client;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final Watchdog watchdog;
    private final Supplier<FetchException> inactive;

    SourceClient(FetchConfig config, HttpClient client, HostResolver resolver, Watchdog watchdog,
            Supplier<FetchException> inactive) {
        this.config = config;
        this.client = client;
        this.resolver = resolver;
        this.policy = new AddressPolicy(config.allowPrivateOrigins());
        this.watchdog = watchdog;
        this.inactive = inactive;
    }

    /**
     * Sends a GET once the source's host passes the address policy; empty (with the source noted
     * or dropped) when it is refused, unreachable or answers anything but 200.
     */
    Optional<Exchange> open(Source s, URI url, String accept) throws FetchException, InterruptedException {
        if (watchdog.inactive()) {
            throw inactive.get();
        }
        if (!permitted(s)) {
            return Optional.empty();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).header("Accept", accept).GET();
        if (url.getScheme().equals("http")) {
            // No h2c upgrade dance with plain-HTTP origins; HTTP/2 is negotiated over TLS only.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        CompletableFuture<HttpResponse<InputStream>> future =
                client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        Watchdog.Request request = watchdog.begin(() -> future.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            request.end();
            throw e;
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            try {
                failed(s, cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause), request,
                        false, "request");
            } finally {
                request.end();
            }
            return Optional.empty();
        }
        request.abortWith(() -> closeQuietly(response.body()));
        Exchange exchange = new Exchange(response, new WatchedStream(response.body(), request), request);
        if (response.statusCode() != 200) {
            s.note("HTTP " + response.statusCode() + " for " + url.getRawPath() + "?" + url.getRawQuery());
            exchange.close();
            return Optional.empty();
        }
        return Optional.of(exchange);
    }

    /**
     * One block by {@code ?format=raw}, verified against {@code cid}; null when this source did
     * not deliver it (noted, or dropped when it lied, stalled or sent too much).
     */
    byte[] rawBlock(Source s, Cid cid) throws FetchException, InterruptedException {
        Optional<Exchange> answer = open(s, s.url(cid.toString(), "raw"), "application/vnd.ipld.raw");
        if (answer.isEmpty()) {
            return null;
        }
        try (Exchange exchange = answer.get()) {
            long declared = exchange.response().headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > config.maxBlockSize()) {
                s.drop("announced a block of " + declared + " bytes, over the limit of " + config.maxBlockSize());
                return null;
            }
            byte[] data = exchange.body().readNBytes(config.maxBlockSize() + 1);
            if (data.length > config.maxBlockSize()) {
                s.drop("sent more than " + config.maxBlockSize() + " bytes for block " + cid);
                return null;
            }
            if (!cid.multihash().matches(data)) {
                s.drop("sent a block that did not match its CID " + cid);
                return null;
            }
            return data;
        } catch (IOException e) {
            failed(s, e, answer.get().request(), true, "block " + cid);
            return null;
        }
    }

    /** Checks every address the source's host resolves to, just before connecting. */
    private boolean permitted(Source s) {
        String host = s.base().getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            s.drop("unreachable: unknown host " + host);
            return false;
        }
        for (InetAddress a : addresses) {
            Optional<String> refusal = policy.refusal(a);
            if (refusal.isPresent()) {
                s.drop("refused: " + host + " resolves to " + a.getHostAddress() + ", " + refusal.get()
                        + " (set fetch.allow-private-origins=true to allow it)");
                return false;
            }
        }
        return true;
    }

    /** Decides what an I/O failure means: the end of the fetch, a stalled or unreachable source. */
    void failed(Source s, IOException e, Watchdog.Request request, boolean gotHeaders, String what)
            throws FetchException, InterruptedException {
        if (watchdog.inactive()) {
            throw inactive.get();
        }
        if (request.idle()) {
            s.drop("sent nothing for " + Durations.format(watchdog.sourceIdle()) + " (fetch.source-idle-timeout)");
            return;
        }
        if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
            throw new InterruptedException("fetch interrupted");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (gotHeaders) {
            s.note(what + " broke: " + message);
        } else {
            s.drop("unreachable: " + message);
        }
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // aborting: the reader sees the failure
        }
    }

    /** Tells the watchdog about every byte that arrives. */
    private static final class WatchedStream extends FilterInputStream {
        private final Watchdog.Request request;

        WatchedStream(InputStream in, Watchdog.Request request) {
            super(in);
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            request.bytesArrived();
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            request.bytesArrived();
            return n;
        }
    }
}
