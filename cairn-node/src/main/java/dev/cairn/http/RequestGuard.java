package dev.cairn.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Runs around every routed request of one listener, before authentication: admission control and
 * deadlines (the gateway's {@code GatewayLimits}). It calls {@code next} at most once, in the
 * request's thread, and must undo whatever it took in a {@code finally}: the call returns (or
 * throws) only once the handler is done, streamed bodies included, whether it succeeded, failed
 * or lost its client. An exception it throws is rendered by the route's surface, like the
 * handler's own.
 *
 * <p>Requests a {@link FastRoute} answers never reach the routes: for them the listener asks
 * {@link #enter} instead, so the same permits and deadlines cover both ways in.
 */
public interface RequestGuard {
    /** Lets every request through. */
    RequestGuard NONE = new RequestGuard() {
        @Override
        public void around(Context ctx, Handler next) throws Exception {
            next.handle(ctx);
        }

        @Override
        public Ticket enter(Exchange exchange) {
            return Ticket.OPEN;
        }
    };

    void around(Context ctx, Handler next) throws Exception;

    /**
     * Admission of a request answered outside the routes: a ticket to close once its response
     * is written, or null when the request must go to the routes instead, where {@link #around}
     * decides (and renders a refusal, say a 429, exactly as for any routed request). The default
     * admits nothing, so a guard that does not know about fast routes is never bypassed.
     */
    default Ticket enter(Exchange exchange) {
        return null;
    }

    /** What a guard may do to a request it admitted: see whether it started answering, cut it off. */
    interface Exchange {
        String method();

        String path();

        /** True once the status line went out. */
        boolean committed();

        /** Closes the connection; safe from any thread (the request's next write fails). */
        void cutOff();
    }

    /** One admitted request. */
    interface Ticket extends AutoCloseable {
        /** Admits without limits. */
        Ticket OPEN = new Ticket() {
            @Override
            public boolean expired() {
                return false;
            }

            @Override
            public void close() {
            }
        };

        /** True when the request ran past its deadline. */
        boolean expired();

        /** Gives back what {@link #enter} took; called exactly once. */
        @Override
        void close();
    }
}
