package dev.cairn.http;

/**
 * A surface's CORS answers. Every response carries {@code Access-Control-Allow-Origin: *} (APIs
 * use bearer tokens, never cookies, so no origin gains anything a page could not do itself) and
 * these {@code exposeHeaders}; a preflight ({@code OPTIONS}) on any declared path is answered 204
 * with these methods and headers, without authentication (browsers send no token on preflights).
 *
 * @param exposeHeaders null or empty for none
 */
public record Cors(String allowMethods, String allowHeaders, String exposeHeaders) {
    /** For token-authenticated JSON APIs (the Pinning Service API recommendation). */
    public static final Cors API = new Cors("GET, POST, DELETE, OPTIONS", "Authorization, Content-Type", null);
}
