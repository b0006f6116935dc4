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
 */
@FunctionalInterface
public interface RequestGuard {
    /** Lets every request through. */
    RequestGuard NONE = (ctx, next) -> next.handle(ctx);

    void around(Context ctx, Handler next) throws Exception;
}
