/**
 * The one HTTP core every surface (Pinning Service API, gateway, later Kubo RPC, S3, admin) runs
 * on: Javalin/Jetty setup, bearer authentication and scope checks, CORS preflight, request body
 * limits, request ids, the access log, and turning exceptions into error responses.
 *
 * <p>A surface is an {@link dev.cairn.http.HttpSurface}: a route table ({@link dev.cairn.http.Routes},
 * each route declaring its {@link dev.cairn.http.Access}) and an {@link dev.cairn.http.ErrorRenderer}
 * that is the surface's one place mapping exception types to status codes and writing its error
 * body. {@link dev.cairn.http.HttpServerHandle} binds a list of surfaces to one listener. A surface
 * may also give a {@link dev.cairn.http.FastRoute}: its simplest requests answered by a plain Jetty
 * handler in front of Javalin ({@code FastLane}), with the same request id, CORS, guard and access log.
 *
 * <p>Depends on service ports ({@code dev.cairn.account} for {@code Principal}/{@code Scope}) and
 * config values only; never on a store, the database or the composition root.
 */
package dev.cairn.http;
