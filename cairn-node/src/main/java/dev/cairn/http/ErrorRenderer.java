package dev.cairn.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * A surface's error handling: which exception is which status (the one place per surface), and
 * the body it answers with (PSA {@code Failure}, Kubo {@code {"Message"}}, S3 XML, plain text).
 *
 * <p>The core asks {@link #status} only for exceptions that are not {@link HttpException}s (those
 * carry their status). Anything unmapped should be 500; the core logs 5xx with the stack trace.
 */
public interface ErrorRenderer {
    /** The status for an exception a handler threw: typically via an {@link ErrorMapping}. */
    int status(Exception e);

    /**
     * Writes the error response: status, content type and body. The message is meant for the
     * client (never a stack trace); for 5xx the core passes a generic text, not the exception's.
     */
    void render(Context ctx, int status, String message);

    /**
     * The body of an error the HTTP server answers by itself, before any route runs and so
     * without a {@link Context}: a request line over the limit (414), headers over it (431), a
     * request that does not parse (400). The listener's first surface renders them. Plain text,
     * one line, unless the surface's clients expect another shape.
     */
    default Body bare(int status, String message) {
        return new Body("text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** An error body and its content type. */
    record Body(String contentType, byte[] bytes) {
    }

    /**
     * A handler failed after the response was committed (status and headers are out, part of the
     * body may be). Return true when the surface ends the response with its own in-band error
     * signal (the Kubo RPC: the {@code X-Stream-Error} trailer), so the core lets the response
     * complete; false (the default) makes the core abort the exchange, which clients see as a
     * truncated body. {@code message} is what the client may see (generic for unexpected errors);
     * {@code cause} lets the surface word the errors it knows.
     */
    default boolean failedMidStream(Context ctx, Exception cause, String message) {
        return false;
    }

    /** Errors as plain text, one line, as gateways (and Go's {@code http.Error}) answer them. */
    static ErrorRenderer plainText(ToIntFunction<Exception> statusOf) {
        return new ErrorRenderer() {
            @Override
            public int status(Exception e) {
                return statusOf.applyAsInt(e);
            }

            @Override
            public void render(Context ctx, int status, String message) {
                Body body = bare(status, message);
                ctx.status(status).contentType(body.contentType()).result(body.bytes());
            }
        };
    }
}
