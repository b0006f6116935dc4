package dev.cairn.http;

/**
 * A failure the core (or a handler) already knows the status of: no or a bad token (401), a
 * missing scope (403), a too large body (413), a malformed request (400), an unknown route (404).
 * Surfaces render it in their own error format; they need not map it.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpException badRequest(String message) {
        return new HttpException(400, message);
    }

    public static HttpException unauthorized(String message) {
        return new HttpException(401, message);
    }

    public static HttpException forbidden(String message) {
        return new HttpException(403, message);
    }

    public static HttpException notFound(String message) {
        return new HttpException(404, message);
    }

    public static HttpException payloadTooLarge(String message) {
        return new HttpException(413, message);
    }
}
