package dev.cairn.gateway;

import dev.cairn.config.Durations;
import dev.cairn.config.GatewayLimitsConfig;
import dev.cairn.http.HttpException;
import dev.cairn.http.ConnectionReset;
import dev.cairn.http.HttpRequests;
import dev.cairn.http.RequestGuard;
import dev.cairn.http.RequestGuard.Exchange;
import dev.cairn.http.RequestGuard.Ticket;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway listener's overload limits ({@link GatewayLimitsConfig}), run around every request
 * as its {@link RequestGuard}:
 *
 * <ul>
 *   <li>At most {@code maxConcurrentRequests} at once. One more is answered 429 with
 *       {@code Retry-After} at once: waiting for a permit would only move the pile-up into
 *       memory (every accepted request holds a virtual thread, buffers and open blocks).</li>
 *   <li>At most {@code maxRequestDuration} each. When it passes, a response already streaming is
 *       cut off (its connection closed, so the client sees a truncated body, never a short
 *       "complete" one); a handler that has sent nothing yet is let finish its current step and
 *       answered 503 with {@code Retry-After}. The timer thread never writes to the response:
 *       only the request's own thread does, so there is no race on a half-written body.</li>
 *   <li>At most {@code maxRanges} ranges in a {@code Range} header and, when
 *       {@code maxRangeBytes > 0}, no explicit range longer than that: 416 (RFC 9110 section
 *       15.5.17 allows it for "an excessive request of small or overlapping ranges"). An
 *       open-ended range ({@code bytes=100-}) is a resumed download and always allowed.</li>
 * </ul>
 *
 * <p>The permit is released in a {@code finally} around the whole handler, which (for the
 * gateway's streamed bodies) includes writing the body: errors, cut-offs and clients that went
 * away all end there. Requests the gateway's fast route answers ({@link SmallFileRoute}) take
 * the same permit and deadline through {@link #enter}, and give them back once their body is
 * written.
 */
public final class GatewayLimits implements RequestGuard, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLimits.class);
    /** Seconds a refused client is asked to wait: short, since permits turn over quickly. */
    static final String RETRY_AFTER = "1";

    private final GatewayLimitsConfig config;
    private final Semaphore permits;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Deadline> active = ConcurrentHashMap.newKeySet();

    public GatewayLimits(GatewayLimitsConfig config) {
        this.config = config.validate();
        this.permits = new Semaphore(config.maxConcurrentRequests());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gateway-deadlines");
            t.setDaemon(true);
            return t;
        });
        // One sweep over the requests in flight, rather than a timer scheduled and cancelled per
        // request: the timer queue's lock showed in the profile of small-file requests.
        timer.scheduleWithFixedDelay(this::sweep, Deadline.RECHECK_MILLIS, Deadline.RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Requests being served now (for tests and metrics). */
    public int inFlight() {
        return config.maxConcurrentRequests() - permits.availablePermits();
    }

    @Override
    public void around(Context ctx, Handler next) throws Exception {
        Ticket ticket = enter(new RoutedExchange(ctx));
        if (ticket == null) {
            ctx.header("Retry-After", RETRY_AFTER);
            throw new HttpException(429, "too many requests: this gateway serves at most "
                    + config.maxConcurrentRequests() + " at once; retry shortly");
        }
        try {
            checkRanges(ctx.header("Range"));
            next.handle(ctx);
            if (ticket.expired() && !ctx.res().isCommitted()) {
                // Drop what the handler prepared (its Content-Length, Etag, body), keep the listener's own headers.
                String expose = ctx.res().getHeader("Access-Control-Expose-Headers");
                ctx.res().reset();
                ctx.header("X-Request-Id", HttpRequests.requestId(ctx));
                ctx.header("Access-Control-Allow-Origin", "*");
                if (expose != null) {
                    ctx.header("Access-Control-Expose-Headers", expose);
                }
                ctx.header("Retry-After", RETRY_AFTER);
                throw new HttpException(503, "the request took longer than gateway.max-request-duration ("
                        + Durations.format(config.maxRequestDuration()) + ")");
            }
        } finally {
            ticket.close();
        }
    }

    /**
     * A permit and a deadline, or null when all permits are taken. Routed requests come through
     * {@link #around}; the listener's fast route asks here directly, and sends the request to
     * {@link #around} when this is null, so the refusal is rendered in one place.
     */
    @Override
    public Ticket enter(Exchange exchange) {
        if (!permits.tryAcquire()) {
            return null;
        }
        Deadline deadline = new Deadline(exchange, System.nanoTime() + config.maxRequestDuration().toNanos());
        active.add(deadline);
        return deadline;
    }

    /** Expires the deadlines that have passed; runs on the timer thread every {@link Deadline#RECHECK_MILLIS}. */
    private void sweep() {
        long now = System.nanoTime();
        for (Deadline d : active) {
            if (!d.done && now - d.atNanos >= 0) {
                try {
                    d.expire();
                } catch (RuntimeException e) { // a request finishing meanwhile; a throw here would end the sweeps
                    LOG.debug("deadline check of {} {} failed: {}", d.exchange.method(), d.exchange.path(), e.toString());
                }
            }
        }
    }

    /**
     * One request's deadline, checked by {@link #sweep}, and its permit. A handler that has sent
     * nothing when it expires may still start streaming afterwards: the deadline then stays
     * checked, sweep after sweep, until the handler either returns (and is answered 503) or
     * commits (and is cut off), so no response outlives its deadline by more than about one sweep.
     */
    private final class Deadline implements Ticket {
        static final long RECHECK_MILLIS = 200;
        final Exchange exchange;
        final long atNanos;
        final AtomicBoolean expired = new AtomicBoolean();
        volatile boolean done;
        private boolean cut; // only the timer thread reads and writes it

        Deadline(Exchange exchange, long atNanos) {
            this.exchange = exchange;
            this.atNanos = atNanos;
        }

        @Override
        public boolean expired() {
            return expired.get();
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                active.remove(this);
                permits.release();
            }
        }

        void expire() {
            expired.set(true);
            if (cut || !exchange.committed()) {
                return;
            }
            cut = true;
            LOG.info("gateway {} {} ran past gateway.max-request-duration while streaming: cutting it off",
                    exchange.method(), exchange.path());
            try {
                exchange.cutOff();
            } catch (RuntimeException e) {
                LOG.warn("could not cut off {} {}: {}", exchange.method(), exchange.path(), e.toString());
            }
        }
    }

    /** A request on its way through the routes (Javalin's context over the servlet layer). */
    private record RoutedExchange(Context ctx) implements Exchange {
        @Override
        public String method() {
            return ctx.method().name();
        }

        @Override
        public String path() {
            return ctx.path();
        }

        @Override
        public boolean committed() {
            return ctx.res().isCommitted();
        }

        @Override
        public void cutOff() {
            EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                    .getConnection().getEndPoint();
            ConnectionReset.now(endPoint); // a clean close could read as the end of the body
        }
    }

    /**
     * @throws HttpException 416 when the header lists too many ranges or an explicit one that is
     *     too long; anything else (no header, other units, syntax the range parser ignores) passes
     */
    void checkRanges(String header) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return;
        }
        String[] specs = header.substring(6).split(",");
        if (specs.length > config.maxRanges()) {
            throw new HttpException(416, "Range lists " + specs.length + " ranges; this gateway serves at most "
                    + config.maxRanges() + " per request (gateway.max-ranges)");
        }
        if (config.maxRangeBytes() <= 0) {
            return;
        }
        for (String spec : specs) {
            long length = explicitLength(spec.strip());
            if (length > config.maxRangeBytes()) {
                throw new HttpException(416, "Range '" + spec.strip() + "' asks for " + length
                        + " bytes; this gateway serves at most " + config.maxRangeBytes()
                        + " per range (gateway.max-range-bytes)");
            }
        }
    }

    /** The length of {@code a-b} or of suffix {@code -n}; -1 when open-ended or not parseable. */
    private static long explicitLength(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return -1;
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (last.isEmpty()) {
                return -1;
            }
            if (first.isEmpty()) {
                return Long.parseLong(last);
            }
            long length = Long.parseLong(last) - Long.parseLong(first) + 1;
            return length > 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
