package dev.cairn.http.psa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.http.ErrorMapping;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.multiformats.CodecException;
import dev.cairn.pin.PinNotFoundException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The Pinning Service API's errors: the one mapping of exception types to statuses for
 * {@code /pins}, and the {@code Failure} body every error answers with,
 * {@code {"error":{"reason":"NOT_FOUND","details":"..."}}} (spec section 1.4; checklist item 1:
 * {@code details} is never empty, no other fields).
 */
public final class PsaErrors implements ErrorRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ErrorMapping MAPPING = ErrorMapping.builder()
            .map(PinNotFoundException.class, 404)
            .map(IllegalArgumentException.class, 400)
            .map(CodecException.class, 400)
            .map(JsonProcessingException.class, 400)
            .build();

    @Override
    public int status(Exception e) {
        return MAPPING.status(e);
    }

    /** The machine-readable {@code reason} for a status, as in the spec's examples. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "INSUFFICIENT_FUNDS";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "REQUEST_HEADER_FIELDS_TOO_LARGE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 500 -> "INTERNAL_SERVER_ERROR";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> "HTTP_" + status;
        };
    }

    @Override
    public void render(Context ctx, int status, String message) {
        Body body = bare(status, message);
        ctx.status(status).contentType(body.contentType()).result(body.bytes());
    }

    /** The {@code Failure} body; also what the API port answers to requests no route could see (414, 431). */
    @Override
    public Body bare(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("reason", reason(status));
        error.put("details", message == null || message.isBlank() ? reason(status).toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : message);
        return new Body("application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
