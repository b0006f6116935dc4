package dev.cairn.http;

import dev.cairn.account.Principal;
import dev.cairn.config.ListenAddress;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running HTTP listener serving a list of surfaces (Javalin on Jetty, virtual threads).
 *
 * <p>Per request, in order: a request id (the client's {@code X-Request-Id} when it is short and
 * plain, else a random one) echoed in the response; {@code Access-Control-Allow-Origin: *} (bearer
 * tokens, no cookies, so any origin is safe); for a route, the bearer token and scope check of its
 * {@link Access}, then the declared body length against the limit, all inside the listener's
 * {@link RequestGuard}; the handler; on any exception,
 * the status from the route's surface ({@link ErrorRenderer#status}) and its error body. One access
 * log line per request on logger {@code dev.cairn.http.access}.
 */
public final class HttpServerHandle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerHandle.class);
    private static final int UPLOAD_READ_BUFFER = 64 * 1024;
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Pending connections the kernel keeps for us (capped by net.core.somaxconn). */
    private static final int ACCEPT_QUEUE = 1024;
    /**
     * How long a connection may make no visible progress. Jetty's default (30 s) cut off clients
     * that read a large response slowly but steadily: once the socket buffers are full, the kernel
     * wakes the writer only when a third of the send buffer has drained, about 80 s apart at
     * 16 KiB/s (bench/gateway-slow-clients.sh lost every client at 30 s). Five minutes keeps such
     * downloads going; a request's total time is bounded separately (gateway.max-request-duration).
     */
    static final long IDLE_TIMEOUT_MILLIS = 5 * 60 * 1000;

    private final String name;
    private final Javalin app;
    private final String host;

    private HttpServerHandle(String name, Javalin app, String host) {
        this.name = name;
        this.app = app;
        this.host = host;
    }

    /**
     * Binds {@code listen} (port 0: any free port, see {@link #port()}) and serves the surfaces.
     *
     * @param name the listener's name in logs ({@code api}, {@code gateway})
     * @param surfaces at least one; the first renders errors for requests matching no route
     * @throws ListenException when the address cannot be bound (message names it)
     */
    public static HttpServerHandle start(String name, ListenAddress listen, HttpOptions options,
                                         Authenticator authenticator, List<HttpSurface> surfaces) {
        if (surfaces.isEmpty()) {
            throw new IllegalArgumentException("a listener needs at least one surface");
        }
        Javalin app = Javalin.create(config -> configure(config, listen, options, authenticator, surfaces));
        try {
            app.start();
        } catch (RuntimeException e) {
            try {
                app.stop();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ListenException("cannot listen on " + listen + " (" + name + "): " + rootMessage(e), e);
        }
        return new HttpServerHandle(name, app, listen.host());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void configure(JavalinConfig config, ListenAddress listen, HttpOptions options,
                                  Authenticator authenticator, List<HttpSurface> surfaces) {
        // Our own connector, as Javalin's default but with a deep accept queue: the JVM's default
        // backlog (50) resets connections when hundreds of clients connect at once (measured with
        // bench/gateway-slow-clients.sh); admission is GatewayLimits' job, not the kernel's.
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(listen.host());
            connector.setPort(listen.port());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            return connector;
        });
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            // Jetty reads request bodies 8 KiB at a time by default: a 1 GiB upload was then 131,072
            // socket reads, the largest cost of /api/v0/add after hashing (perf). 64 KiB is the
            // largest buffer Jetty's pool keeps for reuse, and matches the multipart reader's.
            http.setInputBufferSize(UPLOAD_READ_BUFFER);
        });
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.http.maxRequestSize = options.maxBodyBytes();
        config.http.prefer405over404 = true;
        // Responses are CIDs, JSON and CAR streams: compression costs CPU and breaks streaming.
        config.http.compressionStrategy = CompressionStrategy.NONE;

        // Requests a surface's fast route answers skip Javalin altogether (see FastLane).
        List<FastLane.Entry> fast = new ArrayList<>();
        for (HttpSurface surface : surfaces) {
            FastRoute route = surface.fastRoute();
            if (route != null) {
                fast.add(new FastLane.Entry(surface, route));
            }
        }
        if (!fast.isEmpty()) {
            // Javalin then hangs its servlet context below this wrapper.
            config.jetty.modifyServer(server -> server.setHandler(new FastLane(fast, options.guard())));
        }

        config.routes.before(ctx -> {
            String id = requestId(ctx.header("X-Request-Id"));
            ctx.attribute(HttpRequests.REQUEST_ID, id);
            ctx.attribute(HttpRequests.MAX_BODY, options.maxBodyBytes());
            ctx.header("X-Request-Id", id);
            ctx.header("Access-Control-Allow-Origin", "*");
        });

        // Javalin takes the first route that matches, in registration order: catch-alls such as
        // /<path> (the subdomain gateway's) or /api/v0/* (the Kubo RPC's unknown commands) go last,
        // so they never shadow a specific route of any surface.
        Map<String, Cors> preflights = new LinkedHashMap<>();
        List<Runnable> catchAlls = new ArrayList<>();
        for (HttpSurface surface : surfaces) {
            Routes routes = new Routes();
            surface.routes(routes);
            for (Routes.Route route : routes.list()) {
                Runnable add = () -> {
                    config.routes.addHttpHandler(route.method(), route.path(),
                            wrap(surface, route, authenticator, options));
                    preflights.putIfAbsent(route.path(), surface.cors());
                };
                if (isCatchAll(route.path())) {
                    catchAlls.add(add);
                } else {
                    add.run();
                }
            }
        }
        catchAlls.forEach(Runnable::run);
        preflights.forEach((path, cors) -> config.routes.addHttpHandler(HandlerType.OPTIONS, path,
                ctx -> preflight(ctx, cors)));

        HttpSurface fallback = surfaces.get(0);
        config.jetty.modifyServer(server -> server.setErrorHandler(new ServerErrors(fallback.errors())));
        config.routes.exception(Exception.class, (e, ctx) -> fail(fallback, ctx, e));
        config.routes.error(404, ctx -> {
            if (ctx.attribute(HttpRequests.RENDERED) == null) {
                fail(fallback, ctx, HttpException.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.attribute(HttpRequests.RENDERED) == null) {
                fail(fallback, ctx, new HttpException(405, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
        if (AccessLog.SHARED.enabled()) {
            config.requestLogger.http((ctx, ms) -> AccessLog.SHARED.log(accessLine(ctx, fallback, ms)));
        }
    }

    /** {@code gateway GET /ipfs/bafy... 200 127.0.0.1 0.4ms id=... account=-}. */
    static CharSequence accessLine(Context ctx, HttpSurface fallback, float ms) {
        Principal principal = HttpRequests.principalIfAny(ctx).orElse(null);
        return accessLine(surfaceName(ctx, fallback), ctx.method().name(), ctx.path(), ctx.statusCode(), ctx.ip(), ms,
                HttpRequests.requestId(ctx), principal == null ? null : principal.account().name());
    }

    /** The same line for a request answered outside the routes ({@link FastLane}); {@code account} null for none. */
    static CharSequence accessLine(String surface, String method, String path, int status, String ip, float ms,
                                   String id, String account) {
        long tenths = Math.round(ms * 10.0);
        StringBuilder line = new StringBuilder(160);
        line.append(surface).append(' ').append(method).append(' ').append(path)
                .append(' ').append(status).append(' ').append(ip)
                .append(' ').append(tenths / 10).append('.').append(tenths % 10).append("ms id=")
                .append(id).append(" account=").append(account == null ? "-" : account);
        return line;
    }

    /** The request id of a request: the client's {@code X-Request-Id} when it is short and plain, else a new one. */
    static String requestId(String given) {
        return given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : newRequestId();
    }

    /** A path whose last segment matches any rest of the path: {@code /<path>}, {@code /api/v0/*}. */
    static boolean isCatchAll(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.equals("*") || (last.startsWith("<") && last.endsWith(">"));
    }

    /**
     * 16 hex digits. Request IDs correlate log lines and are no secret, so they come from
     * ThreadLocalRandom: SecureRandom's shared, locked generator showed in the gateway's profile.
     */
    private static String newRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static String surfaceName(Context ctx, HttpSurface fallback) {
        String s = ctx.attribute(HttpRequests.SURFACE);
        return s == null ? fallback.name() : s;
    }

    /** CORS preflight: answered for every declared path, never authenticated (browsers send no token). */
    private static void preflight(Context ctx, Cors cors) {
        ctx.header("Access-Control-Allow-Methods", cors.allowMethods());
        ctx.header("Access-Control-Allow-Headers", cors.allowHeaders());
        ctx.header("Access-Control-Max-Age", "86400");
        ctx.status(204);
    }

    private static Handler wrap(HttpSurface surface, Routes.Route route, Authenticator authenticator,
                                HttpOptions options) {
        return ctx -> {
            ctx.attribute(HttpRequests.SURFACE, surface.name());
            String expose = surface.cors().exposeHeaders();
            if (expose != null && !expose.isEmpty()) {
                ctx.header("Access-Control-Expose-Headers", expose);
            }
            try {
                options.guard().around(ctx, c -> {
                    if (route.access().authenticated()) {
                        Principal principal = authenticate(c, authenticator);
                        c.attribute(HttpRequests.PRINCIPAL, principal);
                        if (route.access().scope() != null && !principal.may(route.access().scope())) {
                            throw HttpException.forbidden("this token lacks the '" + route.access().scope().wire()
                                    + "' scope");
                        }
                    }
                    long declared = c.req().getContentLengthLong();
                    if (declared > options.maxBodyBytes() && !route.streamingBody()) {
                        HttpRequests.refuseBody(c);
                        throw HttpRequests.tooLarge(options.maxBodyBytes());
                    }
                    route.handler().handle(c);
                });
            } catch (Exception e) {
                drainUnread(ctx);
                fail(surface, ctx, e);
                return;
            }
            drainUnread(ctx);
        };
    }

    /** Request body bytes read and dropped at most, so that an unread body does not cost the response. */
    static final int DRAIN_LIMIT = 4 << 20;

    /**
     * Reads and drops what is left of a request body the handler did not read (a command that
     * takes none, an upload refused part-way), up to {@link #DRAIN_LIMIT}. Why: Jetty closes a
     * connection whose request body is left unread, and closing a socket with unread data in it
     * makes the kernel send a reset, which throws away the response still in flight: the client
     * saw "no bytes" instead of its 400, or a cut tar stream (HttpSurfaceFuzzTest, seeds 14, 16).
     * Go's server reads such leftovers too. A body declared larger than that, or a larger remainder,
     * is left to Jetty: a refused large upload wastes no bytes (the client should use
     * {@code Expect: 100-continue} for bodies it may not need to send).
     */
    private static void drainUnread(Context ctx) {
        if (ctx.req().getContentLengthLong() > DRAIN_LIMIT || ctx.attribute(HttpRequests.BODY_REFUSED) != null) {
            return; // refused by its declared length, or too large: no byte of it is read or waited for
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            if (in.isFinished()) {
                return;
            }
            byte[] buffer = new byte[16 * 1024];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (IOException | IllegalStateException | UncheckedIOException gone) {
            // the body was read as text, or the client is gone: nothing left to protect
        }
    }

    private static Principal authenticate(Context ctx, Authenticator authenticator) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw HttpException.unauthorized("missing access token: send 'Authorization: Bearer <token>'");
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (space > 0 && scheme.equalsIgnoreCase("Basic")) {
            return basic(header.substring(space + 1).strip(), authenticator);
        }
        if (space < 0 || !scheme.equalsIgnoreCase("Bearer")) {
            throw HttpException.unauthorized("malformed Authorization header: expected 'Bearer <token>'");
        }
        Optional<Principal> principal = authenticator.authenticate(header.substring(space + 1).strip());
        return principal.orElseThrow(() -> HttpException.unauthorized("invalid, expired or revoked access token"));
    }

    /**
     * HTTP Basic as Infura and Filebase clients send it: {@code <account name>:<token>}. The
     * token decides; a user name that is not the token's account is refused, so a script pointed
     * at the wrong account fails loudly instead of acting on another one.
     */
    private static Principal basic(String encoded, Authenticator authenticator) {
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpException.unauthorized("malformed Authorization header: Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw HttpException.unauthorized("malformed Authorization header: expected Basic '<account>:<token>'");
        }
        String user = decoded.substring(0, colon);
        Principal principal = authenticator.authenticate(decoded.substring(colon + 1).strip())
                .orElseThrow(() -> HttpException.unauthorized("invalid, expired or revoked access token"));
        if (!user.isEmpty() && !user.equals(principal.account().name())) {
            throw HttpException.unauthorized("the token does not belong to account '" + user + "'");
        }
        return principal;
    }

    /** The one path from an exception to an error response, for every surface. */
    private static void fail(HttpSurface surface, Context ctx, Exception e) {
        int status;
        String message;
        if (e instanceof HttpException h) {
            status = h.status();
            message = h.getMessage();
        } else if (e instanceof HttpResponseException r) {
            // Thrown by Javalin itself, e.g. 413 when ctx.body() exceeds maxRequestSize.
            status = r.getStatus();
            message = r.getMessage() == null || r.getMessage().isBlank() ? "request refused" : r.getMessage();
        } else {
            status = surface.errors().status(e);
            message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (status >= 500 && !(e instanceof HttpException)) {
            // Unexpected: a bug or a broken dependency. Log it whole; tell the client only the id.
            LOG.error("{} {} {} failed (id={})", surface.name(), ctx.method(), ctx.path(), HttpRequests.requestId(ctx), e);
            message = "internal error (request id " + HttpRequests.requestId(ctx) + ")";
        }
        ctx.attribute(HttpRequests.RENDERED, Boolean.TRUE);
        if (ctx.res().isCommitted()) {
            if (surface.errors().failedMidStream(ctx, e, message)) {
                LOG.warn("{} {} {} failed mid-response, ended with the surface's error signal (id={}): {}",
                        surface.name(), ctx.method(), ctx.path(), HttpRequests.requestId(ctx), e.toString());
                return;
            }
            abort(surface, ctx, e);
            return;
        }
        // What the handler wrote before failing is still in the response buffer (nothing went out):
        // the error answer replaces it rather than following it (a dag/stat progress line came
        // before the error JSON in one 500 body; HttpSurfaceFuzzTest, seed 13).
        ctx.res().resetBuffer();
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        surface.errors().render(ctx, status, message);
    }

    /**
     * A streaming response (a CAR) failed after its status line went out, and its surface has no
     * in-band error signal for it. Ending it normally would hand the client a well-formed but
     * incomplete body; aborting the exchange makes the truncation visible: the connection is reset,
     * not closed (see {@link ConnectionReset}).
     */
    private static void abort(HttpSurface surface, Context ctx, Exception e) {
        LOG.warn("{} {} {} failed mid-response, aborting it (id={}): {}", surface.name(), ctx.method(), ctx.path(),
                HttpRequests.requestId(ctx), e.toString());
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        ConnectionReset.onClose(request.getConnectionMetaData().getConnection().getEndPoint());
        request.getServletChannel().abort(e);
    }

    /** The bound port (the real one when the configured port was 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port} of this listener. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port());
    }

    public String name() {
        return name;
    }

    /** Stops accepting, lets running requests finish briefly, and releases the port. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            AccessLog.SHARED.flush();
        }
    }
}
