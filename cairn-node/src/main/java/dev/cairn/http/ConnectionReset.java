package dev.cairn.http;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EndPoint;

/**
 * Ending a connection whose response was cut short with a reset (SO_LINGER 0) instead of a clean
 * close. Why: to a request that said {@code Connection: close} (Python's urllib does), Jetty sends a
 * body of unknown length (a CAR, a tar, a Kubo stream) delimited by the end of the connection, so
 * a clean close reads as a complete body; a reset is an error to every HTTP client. Used for a
 * failure mid-stream ({@link HttpServerHandle}) and for {@code gateway.max-request-duration}.
 */
public final class ConnectionReset {
    private ConnectionReset() {}

    /** Makes the connection's coming close a reset. */
    public static void onClose(EndPoint endPoint) {
        if (endPoint.getTransport() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException ignored) {
                // closed already: the client has seen the end of the connection, whatever it was
            }
        }
    }

    /** Resets the connection now; safe from any thread (the request's next write fails). */
    public static void now(EndPoint endPoint) {
        onClose(endPoint);
        endPoint.close();
    }
}
