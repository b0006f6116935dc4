package dev.cairn.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A surface's own answer to its commonest, simplest requests, given before the servlet layer and
 * the router ever see them (see {@link FastLane} for why). It either answers a request whole or
 * declines it with null, and then the request goes through the routes as if this did not exist:
 * a fast route must decline whenever it has any doubt, and must do nothing a decline would have
 * to undo. What it answers must be byte for byte what the surface's routes answer (the listener
 * adds the same request id, CORS and access log line as for a routed request); a differential
 * test per fast route keeps the two honest.
 */
@FunctionalInterface
public interface FastRoute {
    /**
     * @return the whole response, or null to leave the request to the routes
     */
    Answer answer(Request request);

    /** A bodiless {@code GET} or {@code HEAD} as the fast route sees it: raw (still encoded) path and query. */
    interface Request {
        /** {@code GET} or {@code HEAD}. */
        String method();

        /** The raw URL path, as {@code Context.path()} gives it to routes. */
        String path();

        /** The raw query string, null when there is none. */
        String query();

        /** The first value of a request header, null when absent. */
        String header(String name);
    }

    /**
     * A complete response: status, the surface's headers in order, and the body (sent only for
     * {@code GET}; for {@code HEAD} only its headers, Content-Length included, go out).
     */
    record Answer(int status, List<Header> headers, byte[] body) {
        public Answer {
            headers = List.copyOf(headers);
        }

        /** A response header. */
        public record Header(String name, String value) {
        }

        /** Collects headers in the order the routes would set them. */
        public static final class Builder {
            private final List<Header> headers = new ArrayList<>(12);

            public Builder header(String name, String value) {
                headers.add(new Header(name, value));
                return this;
            }

            public Answer build(int status, byte[] body) {
                return new Answer(status, headers, body);
            }
        }
    }
}
