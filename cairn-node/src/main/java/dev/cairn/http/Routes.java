package dev.cairn.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * A surface's route table. Paths use Javalin's syntax ({@code /pins/{requestid}}); every route
 * says who may call it. The core wraps each handler with authentication, the scope check, the
 * body limit and the surface's error rendering, and answers CORS preflights ({@code OPTIONS}) for
 * every declared path without authentication.
 */
public final class Routes {
    /** One declared route. */
    /**
     * @param streamingBody true when the handler reads the body as a stream and bounds it itself
     *     (uploads): the listener's body limit is not applied
     */
    record Route(HandlerType method, String path, Access access, Handler handler, boolean streamingBody) {}

    private final List<Route> routes = new ArrayList<>();

    Routes() {}

    public Routes get(String path, Access access, Handler handler) {
        return add(HandlerType.GET, path, access, handler);
    }

    public Routes head(String path, Access access, Handler handler) {
        return add(HandlerType.HEAD, path, access, handler);
    }

    public Routes post(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler);
    }

    /**
     * A POST whose handler streams the request body itself (an upload of any size): the
     * listener's {@link HttpOptions#maxBodyBytes} does not apply, the handler must bound what it keeps.
     */
    public Routes postStreaming(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler, true);
    }

    public Routes put(String path, Access access, Handler handler) {
        return add(HandlerType.PUT, path, access, handler);
    }

    public Routes delete(String path, Access access, Handler handler) {
        return add(HandlerType.DELETE, path, access, handler);
    }

    private Routes add(HandlerType method, String path, Access access, Handler handler) {
        return add(method, path, access, handler, false);
    }

    private Routes add(HandlerType method, String path, Access access, Handler handler, boolean streamingBody) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        if (access == null || handler == null) {
            throw new IllegalArgumentException("route " + method + " " + path + " needs an access rule and a handler");
        }
        routes.add(new Route(method, path, access, handler, streamingBody));
        return this;
    }

    List<Route> list() {
        return List.copyOf(routes);
    }
}
