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
    record Route(HandlerType method, String path, Access access, Handler handler) {}

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

    public Routes put(String path, Access access, Handler handler) {
        return add(HandlerType.PUT, path, access, handler);
    }

    public Routes delete(String path, Access access, Handler handler) {
        return add(HandlerType.DELETE, path, access, handler);
    }

    private Routes add(HandlerType method, String path, Access access, Handler handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        if (access == null || handler == null) {
            throw new IllegalArgumentException("route " + method + " " + path + " needs an access rule and a handler");
        }
        routes.add(new Route(method, path, access, handler));
        return this;
    }

    List<Route> list() {
        return List.copyOf(routes);
    }
}
