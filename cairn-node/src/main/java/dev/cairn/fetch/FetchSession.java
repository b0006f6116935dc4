package dev.cairn.fetch;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;
import dev.cairn.car.CarReadOptions;
import dev.cairn.car.CarReader;
import dev.cairn.car.CarSection;
import dev.cairn.cid.Cid;
import dev.cairn.config.Durations;
import dev.cairn.config.FetchConfig;
import dev.cairn.multiformats.CodecException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/**
 * One run of {@link HttpDagFetcher#fetch}: first a whole-DAG CAR from the first source that has
 * one ({@code ?format=car&dag-scope=all}), streamed block by block into the sink, then the gaps
 * (a broken stream, a source that had only part of the DAG) block by block with
 * {@code ?format=raw} from whichever source answers. Every block is verified against the CID the
 * DAG names before it is kept; blocks a source sends that the DAG does not need are ignored.
 *
 * <p>Single-threaded apart from the {@link Watchdog}, which aborts requests from its own thread.
 */
final class FetchSession {
    private static final int CID_ROOM = 4 * 9 + 128;

    private final FetchConfig config;
    private final HttpClient client;
    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final FetchRequest request;
    private final BlockSink sink;
    private final FetchListener listener;
    private final SourceList sources;
    private final DagFrontier frontier;
    private final Watchdog watchdog;
    private long blocksFetched;
    private long bytesFetched;
    private long blocksPresent;
    private String details = "walking the DAG";
    /** The source that answered last: asked first for the next block. */
    private Source preferred;

    FetchSession(FetchConfig config, HttpClient client, HostResolver resolver, DelegatedRouting routing,
            FetchRequest request, BlockSource local, BlockSink sink, FetchListener listener, Watchdog watchdog) {
        this.config = config;
        this.client = client;
        this.resolver = resolver;
        this.policy = new AddressPolicy(config.allowPrivateOrigins());
        this.request = request;
        this.sink = sink;
        this.listener = listener;
        this.watchdog = watchdog;
        this.sources = new SourceList(request.origins(), config.upstreamGateways(), config.routingEndpoints(), routing);
        this.frontier = new DagFrontier(local.withIdentity(), (cid, data) -> {
            blocksPresent++;
            watchdog.blockArrived();
            report();
        });
    }

    FetchProgress run() throws FetchException, InterruptedException {
        frontier.start(request.root());
        if (!frontier.complete()) {
            fetchCar();
        }
        while (!frontier.complete()) {
            fetchRaw(frontier.nextMissing().orElseThrow());
        }
        details = "complete";
        return progress();
    }

    // ---- whole-DAG CAR ---------------------------------------------------------------------

    /** Asks sources in order for a CAR of the whole DAG until one delivers at least one block. */
    private void fetchCar() throws FetchException, InterruptedException {
        Cid root = request.root();
        for (int i = 0; !frontier.complete(); i++) {
            if (i == sources.size() && sources.lookUpProviders(root) == 0) {
                return;
            }
            Source s = sources.get(i);
            if (s.live() && streamCar(s, root) > 0) {
                return;
            }
        }
    }

    /** Streams one CAR response into the sink; returns how many wanted blocks it delivered. */
    private long streamCar(Source s, Cid root) throws FetchException, InterruptedException {
        details = "fetching a CAR of the DAG from " + s.base();
        report();
        long accepted = 0;
        Optional<HttpResponse<InputStream>> response = open(s, s.url(root.toString(), "car"), "application/vnd.ipld.car");
        if (response.isEmpty()) {
            return 0;
        }
        CarReadOptions limits = new CarReadOptions(false, CarReadOptions.DEFAULTS.maxHeaderSize(),
                config.maxBlockSize() + CID_ROOM, 0);
        try (InputStream body = response.get().body(); CarReader car = CarReader.open(body, limits)) {
            for (Optional<CarSection> next = car.next(); next.isPresent(); next = car.next()) {
                watchdog.bytesArrived();
                CarSection section = next.get();
                Optional<Cid> wanted = frontier.wanted(section.cid().multihash());
                if (wanted.isEmpty() || section.isIdentity()) {
                    continue;
                }
                if (!accept(s, wanted.get(), section.data())) {
                    return accepted;
                }
                accepted++;
            }
            s.note("sent a CAR of " + accepted + " needed blocks");
        } catch (CodecException e) {
            s.note("sent a CAR that did not read after " + accepted + " needed blocks: " + e.getMessage());
        } catch (IOException e) {
            failed(s, e, true, "CAR stream after " + accepted + " needed blocks");
        } finally {
            watchdog.end();
        }
        return accepted;
    }

    // ---- single blocks ---------------------------------------------------------------------

    /** Fetches one missing block from the first source that has it, asking routing when all lack it. */
    private void fetchRaw(Cid cid) throws FetchException, InterruptedException {
        if (preferred != null && preferred.live() && fetchRaw(preferred, cid)) {
            return;
        }
        for (int i = 0; ; i++) {
            if (i == sources.size() && sources.lookUpProviders(request.root()) == 0
                    && sources.lookUpProviders(cid) == 0) {
                throw new FetchException("no source had block " + cid + " (" + frontier.missingCount()
                        + " blocks still missing, " + blocksFetched + " fetched); " + sources.describe(), true);
            }
            Source s = sources.get(i);
            if (s != preferred && s.live() && fetchRaw(s, cid)) {
                preferred = s;
                return;
            }
        }
    }

    private boolean fetchRaw(Source s, Cid cid) throws FetchException, InterruptedException {
        details = "fetching missing blocks one at a time from " + s.base();
        Optional<HttpResponse<InputStream>> response = open(s, s.url(cid.toString(), "raw"), "application/vnd.ipld.raw");
        if (response.isEmpty()) {
            return false;
        }
        try (InputStream body = response.get().body()) {
            long declared = response.get().headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > config.maxBlockSize()) {
                s.drop("announced a block of " + declared + " bytes, over the limit of " + config.maxBlockSize());
                return false;
            }
            byte[] data = body.readNBytes(config.maxBlockSize() + 1);
            if (data.length > config.maxBlockSize()) {
                s.drop("sent more than " + config.maxBlockSize() + " bytes for block " + cid);
                return false;
            }
            return accept(s, cid, data);
        } catch (IOException e) {
            failed(s, e, true, "block " + cid);
            return false;
        } finally {
            watchdog.end();
        }
    }

    // ---- shared ----------------------------------------------------------------------------

    /**
     * Verifies {@code data} as the block of {@code cid} and keeps it; a mismatch drops the source.
     *
     * @return false when the source lied
     */
    private boolean accept(Source s, Cid cid, byte[] data) throws FetchException {
        if (!cid.multihash().matches(data)) {
            s.drop("sent a block that did not match its CID " + cid);
            return false;
        }
        try {
            sink.put(Block.trusted(cid, data));
        } catch (UncheckedIOException e) {
            throw new FetchException("could not store block " + cid + ": " + e.getCause().getMessage(), true, e);
        }
        blocksFetched++;
        bytesFetched += data.length;
        watchdog.blockArrived();
        frontier.arrived(cid, data);
        report();
        return true;
    }

    /**
     * Sends a GET once the source's host passes the address policy; empty (with the source noted
     * or dropped) when it is refused, unreachable or answers anything but 200.
     */
    private Optional<HttpResponse<InputStream>> open(Source s, URI url, String accept)
            throws FetchException, InterruptedException {
        throwIfInactive();
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
        watchdog.begin(() -> future.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            watchdog.end();
            throw e;
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            try {
                failed(s, cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause), false, "request");
            } finally {
                watchdog.end();
            }
            return Optional.empty();
        }
        InputStream body = new WatchedStream(response.body(), watchdog);
        watchdog.abortWith(() -> closeQuietly(response.body()));
        if (response.statusCode() != 200) {
            s.note("HTTP " + response.statusCode() + " for " + url.getPath() + "?" + url.getQuery());
            closeQuietly(body);
            watchdog.end();
            return Optional.empty();
        }
        return Optional.of(new Answer(response, body));
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
    private void failed(Source s, IOException e, boolean gotHeaders, String what)
            throws FetchException, InterruptedException {
        switch (watchdog.state()) {
            case INACTIVE -> throw inactive();
            case SOURCE_IDLE -> {
                s.drop("sent nothing for " + Durations.format(watchdog.sourceIdle()) + " (fetch.source-idle-timeout)");
                return;
            }
            case RUNNING -> { }
        }
        if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
            throw new InterruptedException("fetch interrupted");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (gotHeaders) {
            s.note(what + " broke: " + message);
        } else {
            s.drop("unreachable: " + message);
        }
    }

    private void throwIfInactive() throws FetchException {
        if (watchdog.state() == Watchdog.State.INACTIVE) {
            throw inactive();
        }
    }

    private FetchException inactive() {
        return new FetchException("no new verified block for " + Durations.format(watchdog.inactivity())
                + " (fetch.inactivity-timeout) after " + blocksFetched + " fetched, "
                + frontier.missingCount() + " still missing; " + sources.describe(), true);
    }

    private void report() {
        listener.progress(progress());
    }

    private FetchProgress progress() {
        return new FetchProgress(blocksFetched, bytesFetched, blocksPresent, frontier.dagSize(), details);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // aborting: the reader sees the failure
        }
    }

    /** A 200 response whose body is read through the watchdog. */
    private record Answer(HttpResponse<InputStream> delegate, InputStream body) implements HttpResponse<InputStream> {
        @Override public int statusCode() {
            return delegate.statusCode();
        }

        @Override public HttpRequest request() {
            return delegate.request();
        }

        @Override public Optional<HttpResponse<InputStream>> previousResponse() {
            return delegate.previousResponse();
        }

        @Override public java.net.http.HttpHeaders headers() {
            return delegate.headers();
        }

        @Override public Optional<javax.net.ssl.SSLSession> sslSession() {
            return delegate.sslSession();
        }

        @Override public URI uri() {
            return delegate.uri();
        }

        @Override public HttpClient.Version version() {
            return delegate.version();
        }
    }

    /** Tells the watchdog about every byte that arrives. */
    private static final class WatchedStream extends FilterInputStream {
        private final Watchdog watchdog;

        WatchedStream(InputStream in, Watchdog watchdog) {
            super(in);
            this.watchdog = watchdog;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            watchdog.bytesArrived();
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            watchdog.bytesArrived();
            return n;
        }
    }
}
