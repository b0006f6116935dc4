package dev.cairn.http;

import dev.cairn.account.Principal;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** What the core attached to a request, for handlers: the principal, the request id, the bounded body. */
public final class HttpRequests {
    static final String PRINCIPAL = "cairn.principal";
    static final String REQUEST_ID = "cairn.request-id";
    static final String MAX_BODY = "cairn.max-body";
    static final String SURFACE = "cairn.surface";
    static final String RENDERED = "cairn.error-rendered";
    static final String BODY_REFUSED = "cairn.body-refused";

    private HttpRequests() {}

    /**
     * The authenticated caller of a route declared with an authenticated {@link Access}.
     *
     * @throws IllegalStateException on an anonymous route (a programming error, answered 500)
     */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal: route " + ctx.path() + " is not authenticated");
        }
        return p;
    }

    /** The caller, when the route authenticated one. */
    public static Optional<Principal> principalIfAny(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    /** This request's id (also sent back as {@code X-Request-Id}). */
    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /**
     * The whole request body, at most the listener's {@link HttpOptions#maxBodyBytes}.
     *
     * @throws HttpException 413 when the body is longer (also for chunked bodies with no length)
     */
    public static byte[] body(Context ctx) throws IOException {
        Long max = ctx.attribute(MAX_BODY);
        long limit = max == null ? HttpOptions.DEFAULT_MAX_BODY_BYTES : max;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = ctx.bodyInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + (long) n > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    static HttpException tooLarge(long limit) {
        return HttpException.payloadTooLarge("request body is larger than the limit of " + limit + " bytes");
    }

    /**
     * Marks a request whose answer refuses its body before reading any of it (a declared length
     * over a limit or a quota): the server then leaves the body unread instead of draining it, as
     * the client may be waiting for the answer before it sends a byte.
     */
    public static void refuseBody(Context ctx) {
        ctx.attribute(BODY_REFUSED, Boolean.TRUE);
    }
}
