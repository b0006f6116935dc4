package dev.cairn.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers by itself, before any route runs: a request line longer than the header
 * buffer (414), headers over it (431), a request or path that does not parse (400). Jetty's own pages are
 * HTML naming Jetty; a Pinning Service client expects its {@code Failure} JSON and a gateway
 * client one line of text, so the listener's first surface renders them (see
 * {@link ErrorRenderer#bare}), with the status line's text when Jetty gives no reason.
 */
final class ServerErrors extends ErrorHandler {
    private final ErrorRenderer renderer;

    ServerErrors(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Parser failures (414, 431, 400): answered on the connection without a request object.
     * Jetty closes the connection after them, so the answer says so: without the header a client
     * that pools connections (the JDK's HttpClient) sent its next request into the closed socket.
     */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ErrorRenderer.Body body = renderer.bare(status, describe(status, reason));
        fields.put(HttpHeader.CONTENT_TYPE, body.contentType());
        fields.put(HttpHeader.CONNECTION, "close");
        return ByteBuffer.wrap(body.bytes());
    }

    /**
     * Requests Jetty refused after parsing them (a path with {@code %00} or an ambiguous
     * {@code %2F}: 400), never seen by a route. Jetty drops these connections too, so again the
     * answer says {@code Connection: close}; nothing is lost, as such errors are rare.
     */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ErrorRenderer.Body body = renderer.bare(code, describe(code, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body.bytes()), callback);
    }

    static String describe(int status, String reason) {
        String text = HttpStatus.getMessage(status);
        return reason == null || reason.isBlank() || reason.equals(text)
                ? status + " " + text : status + " " + text + ": " + reason;
    }
}
