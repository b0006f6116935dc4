package dev.cairn.http;

/**
 * One HTTP API: its routes and its error format. Several surfaces may share a listener (the API
 * port carries the Pinning Service API, Kubo RPC and admin); each renders the errors of its own
 * routes. Requests that match no route are answered by the first surface of the listener.
 */
public interface HttpSurface {
    /** Short name for the access log, e.g. {@code psa}, {@code gateway}. */
    String name();

    /** Declares the surface's routes. Called once, before the server starts. */
    void routes(Routes routes);

    /** Maps the surface's exceptions to statuses and writes its error bodies. */
    ErrorRenderer errors();

    /** What preflights on this surface's paths answer; {@link Cors#API} unless overridden. */
    default Cors cors() {
        return Cors.API;
    }

    /**
     * Answers to this surface's commonest requests given without the router ({@link FastRoute});
     * null (the default) for none.
     */
    default FastRoute fastRoute() {
        return null;
    }
}
