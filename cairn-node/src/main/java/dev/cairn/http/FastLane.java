package dev.cairn.http;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain Jetty handler in front of Javalin that lets {@link FastRoute}s answer their requests
 * directly, and hands every other request to Javalin untouched.
 *
 * <p>Why: on the gateway's 1 KiB files about 60% of a request's CPU was the servlet layer,
 * Javalin's router and its per-request context (profiled with JFR), and plain Jetty answering the
 * same response ran at about 2.5x the rate of the routed one on the same machine (bench/README.md).
 * Issue 5 asks for half of nginx's rate, which the routed path cannot reach.
 *
 * <p>What it keeps from the routed path, for the requests it answers: the request id (the
 * client's when it is plain, {@link HttpServerHandle#requestId}), {@code
 * Access-Control-Allow-Origin: *} and the surface's exposed headers, the listener's
 * {@link RequestGuard} (permit and deadline, through {@link RequestGuard#enter}; when the guard
 * says no, the request goes to the routes, which refuse it as usual), and the access log line.
 * What it refuses (to the routes): any method but {@code GET} and {@code HEAD}, any request with a
 * body, anything the fast routes decline, and a request whose deadline passed before it was answered.
 */
final class FastLane extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(FastLane.class);

    /** A fast route and the surface whose responses it gives. */
    record Entry(HttpSurface surface, FastRoute route) {
    }

    private final List<Entry> routes;
    private final RequestGuard guard;

    FastLane(List<Entry> routes, RequestGuard guard) {
        this.routes = List.copyOf(routes);
        this.guard = guard;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String method = request.getMethod();
        boolean head = method.equals("HEAD");
        if (!(head || method.equals("GET")) || hasBody(request.getHeaders())) {
            return super.handle(request, response, callback);
        }
        Exchange exchange = new Exchange(request, response, method);
        RequestGuard.Ticket ticket = guard.enter(exchange);
        if (ticket == null) {
            return super.handle(request, response, callback);
        }
        try {
            for (Entry e : routes) {
                FastRoute.Answer answer = e.route().answer(exchange);
                if (answer != null) {
                    if (ticket.expired()) {
                        // Past its deadline before a byte went out (a store stalled for the whole
                        // max-request-duration): the routes take it over, under a deadline of their own.
                        break;
                    }
                    send(e.surface().name(), e.surface().cors(), answer, exchange, ticket, start, callback);
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // Nothing was sent (send() only sets headers before its one write): the routes answer
            // it, and log it, as they always do.
            LOG.debug("fast route declined {} {} after {}", method, exchange.path(), e.toString());
            response.reset();
        } catch (Error e) {
            ticket.close();
            throw e;
        }
        ticket.close();
        return super.handle(request, response, callback);
    }

    /** The answer with the listener's own headers, in one write; the ticket closes when it is done. */
    private static void send(String surface, Cors cors, FastRoute.Answer answer, Exchange exchange,
                             RequestGuard.Ticket ticket, long start, Callback callback) {
        Request request = exchange.request();
        Response response = exchange.response();
        String method = exchange.method();
        String id = HttpServerHandle.requestId(request.getHeaders().get("X-Request-Id"));
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("X-Request-Id", id);
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        String expose = cors.exposeHeaders();
        if (expose != null && !expose.isEmpty()) {
            headers.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
        for (FastRoute.Answer.Header h : answer.headers()) {
            boolean type = h.name().equalsIgnoreCase("Content-Type");
            headers.add(h.name(), type ? servletContentType(h.value()) : h.value());
        }
        response.setStatus(answer.status());
        ByteBuffer body = method.equals("HEAD") || answer.body() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body());
        int status = answer.status();
        Runnable done = () -> {
            ticket.close();
            if (AccessLog.SHARED.enabled()) {
                AccessLog.SHARED.log(HttpServerHandle.accessLine(surface, method, exchange.path(), status,
                        Request.getRemoteAddr(request), (System.nanoTime() - start) / 1e6f, id, null));
            }
        };
        // One write with the whole body: the response is complete (or failed) when the callback runs.
        response.write(true, body, Callback.from(() -> {
            done.run();
            callback.succeeded();
        }, failure -> {
            done.run();
            callback.failed(failure);
        }));
    }

    /**
     * A Content-Type as the servlet layer sends what a route sets: {@code type;charset=x}, the
     * charset moved to the end without spaces ({@code HttpServletResponse.setContentType} in Jetty).
     */
    static String servletContentType(String value) {
        String charset = MimeTypes.getCharsetFromContentType(value);
        return charset == null ? value : MimeTypes.getContentTypeWithoutCharset(value) + ";charset=" + charset;
    }

    /** A declared body of any length, or a chunked one: the routes check it against the body limit. */
    private static boolean hasBody(HttpFields fields) {
        String length = fields.get(HttpHeader.CONTENT_LENGTH);
        return (length != null && !length.equals("0")) || fields.contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** The request as fast routes and the guard see it. */
    private record Exchange(Request request, Response response, String method) implements FastRoute.Request, RequestGuard.Exchange {
        @Override
        public String path() {
            return request.getHttpURI().getPath();
        }

        @Override
        public String query() {
            return request.getHttpURI().getQuery();
        }

        @Override
        public String header(String name) {
            return request.getHeaders().get(name);
        }

        @Override
        public boolean committed() {
            return response.isCommitted();
        }

        @Override
        public void cutOff() {
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            ConnectionReset.now(endPoint); // a clean close could read as the end of the body
        }
    }
}
