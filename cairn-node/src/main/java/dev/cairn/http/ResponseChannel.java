package dev.cairn.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * A response body as a channel of buffers, for surfaces that send stored bytes (the gateway's
 * files): Jetty's {@link HttpOutput#write(ByteBuffer)} takes a direct buffer (a slice of a mapped
 * pack) to the socket as it is, where {@code write(byte[])} would need the bytes on the heap first
 * and the JDK would copy them once more into a direct buffer. Jakarta Servlet 6.0 has no
 * {@code write(ByteBuffer)}, hence Jetty's own type; any other stream gets the bytes copied.
 *
 * <p>{@code write} is blocking and consumes the whole buffer. Not thread-safe (one per response).
 */
public final class ResponseChannel implements WritableByteChannel {
    private static final int COPY_BUFFER = 64 * 1024;

    private final OutputStream out;
    private byte[] copy;
    private boolean open = true;

    private ResponseChannel(OutputStream out) {
        this.out = out;
    }

    /** The body of {@code ctx}'s response (uncompressed: the server never compresses, see HttpServerHandle). */
    public static ResponseChannel of(Context ctx) {
        try {
            return new ResponseChannel(ctx.res().getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over any stream; buffers are copied unless {@code out} is Jetty's. */
    public static ResponseChannel of(OutputStream out) {
        return new ResponseChannel(out);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (out instanceof HttpOutput jetty) {
            jetty.write(src);
        } else if (src.hasArray()) {
            out.write(src.array(), src.arrayOffset() + src.position(), n);
        } else {
            if (copy == null) {
                copy = new byte[COPY_BUFFER];
            }
            for (int at = src.position(), end = src.limit(); at < end; ) {
                int k = Math.min(copy.length, end - at);
                src.get(at, copy, 0, k);
                out.write(copy, 0, k);
                at += k;
            }
        }
        src.position(src.limit());
        return n;
    }

    /** Pushes what Jetty aggregated to the client. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Marks this channel closed; the response stream stays open for the server to complete. */
    @Override
    public void close() {
        open = false;
    }
}
