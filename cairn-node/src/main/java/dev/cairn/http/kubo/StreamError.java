package dev.cairn.http.kubo;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;

/**
 * go-ipfs-cmds' way of reporting an error that happens after a streamed {@code 200} began: every
 * response announces {@code Trailer: X-Stream-Error}, and a command that fails mid-stream ends the
 * chunked body normally with the error message as that trailer (go-ipfs-cmds
 * {@code http/responseemitter.go}, {@code closeWithError}). Go clients (the {@code ipfs} CLI with
 * {@code --api}, go-ipfs-cmds' HTTP client) read it as the command's error.
 *
 * <p>Unlike Kubo, Cairn sends the trailer only to a client that says it reads trailers
 * ({@code TE: trailers}, RFC 9110 section 10.1.4). A client that ignores them would take the
 * normally ended body for the whole output: the npm {@code kubo-rpc-client} never reads
 * {@code X-Stream-Error}, nor does curl, so from Kubo they silently keep a truncated file. For
 * every other client (and when the trailer cannot be sent: HTTP/1.0, a {@code Content-Length})
 * the core aborts the exchange instead, which every HTTP client reports as an error; Go clients
 * then see an unexpected EOF rather than Kubo's message.
 *
 * <p>The trailer supplier must be installed before the response is committed, so the commands
 * that stream are registered through {@link #reported(Handler)}.
 */
final class StreamError {
    /** The trailer's name, as go-ipfs-cmds' {@code StreamErrHeader}. */
    static final String TRAILER = "X-Stream-Error";
    private static final String KEY = "cairn.kubo.stream-error";

    private volatile String message;

    private StreamError() {}

    /** {@code handler}, with its response announcing the trailer that carries a mid-stream error. */
    static Handler reported(Handler handler) {
        return ctx -> {
            install(ctx);
            handler.handle(ctx);
        };
    }

    private static void install(Context ctx) {
        String te = ctx.header("TE");
        if (te == null || !te.toLowerCase(Locale.ROOT).contains("trailers")) {
            return; // a client that would not see the trailer: the core aborts instead
        }
        StreamError error = new StreamError();
        try {
            ctx.res().setTrailerFields(() -> error.message == null ? Map.of() : Map.of(TRAILER, error.message));
        } catch (IllegalStateException e) {
            return; // trailers are not possible on this exchange (HTTP/1.0): the core aborts instead
        }
        ctx.header("Trailer", TRAILER);
        ctx.attribute(KEY, error);
    }

    /**
     * Takes the trailer back from a response that fails before it is committed: Jetty sends any
     * response with a trailer supplier chunked, and an ordinary error answer keeps its
     * {@code Content-Length} (the announcing {@code Trailer} header stays, as in Kubo's errors).
     */
    static void withdraw(Context ctx) {
        if (ctx.attribute(KEY) != null && !ctx.res().isCommitted()) {
            ServletContextResponse res = ServletContextRequest.getServletContextRequest(ctx.req()).getServletContextResponse();
            res.setTrailers(null);
            res.setTrailersSupplier(null);
            ctx.attribute(KEY, null);
        }
    }

    /**
     * Records {@code message} as the trailer of a response that failed after it was committed.
     *
     * @return false when the response cannot carry it (no trailer installed, or a fixed length)
     */
    static boolean failed(Context ctx, String message) {
        StreamError error = ctx.attribute(KEY);
        if (error == null || ctx.res().getHeader("Content-Length") != null) {
            return false;
        }
        // one line: a header value cannot hold line breaks
        error.message = message.replace('\r', ' ').replace('\n', ' ');
        return true;
    }
}
