package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.http.ErrorMapping;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.multiformats.CodecException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The Kubo RPC's errors, as go-ipfs-cmds writes them: {@code {"Message":..., "Code":..., "Type":"error"}}.
 * Statuses as Kubo's: 400 (Code 1, a client error) for bad arguments, 500 (Code 0) for a command
 * that failed, such as a block that is not here, 401/403 for authentication.
 */
public final class KuboErrors implements ErrorRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ErrorMapping MAPPING = ErrorMapping.builder()
            .map(IllegalArgumentException.class, 400)
            .map(CodecException.class, 400)
            .build();

    @Override
    public int status(Exception e) {
        return MAPPING.status(e);
    }

    /** go-ipfs-cmds' ErrorType: 0 normal, 1 client, 5 forbidden. */
    static int code(int status) {
        return switch (status) {
            case 400, 404, 405, 413 -> 1;
            case 401, 403 -> 5;
            default -> 0;
        };
    }

    /** Set by a handler whose error go-ipfs-cmds writes as plain text (routing failures), not JSON. */
    private static final String PLAIN = "cairn.kubo.plain-error";

    /** The error this request ends with is written as go's http.Error does: the message as text/plain. */
    static void plain(Context ctx) {
        ctx.attribute(PLAIN, Boolean.TRUE);
    }

    /** A streamed command failed after its {@code 200}: Kubo's {@code X-Stream-Error} trailer, when possible. */
    @Override
    public boolean failedMidStream(Context ctx, Exception cause, String message) {
        // a block missing under a DAG being read: Kubo's words, not the generic internal error
        return StreamError.failed(ctx, cause instanceof BlockNotFoundException b ? KuboRefs.notFound(b.cid()) : message);
    }

    @Override
    public void render(Context ctx, int status, String message) {
        StreamError.withdraw(ctx);
        if (ctx.attribute(PLAIN) != null) {
            ctx.status(status).contentType("text/plain; charset=utf-8").header("X-Content-Type-Options", "nosniff")
                    .result((message + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("Message", message == null || message.isBlank() ? "error " + status : message);
        body.put("Code", code(status));
        body.put("Type", "error");
        ctx.status(status).contentType("application/json").result(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
