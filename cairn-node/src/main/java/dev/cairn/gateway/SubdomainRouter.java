package dev.cairn.gateway;

import dev.cairn.cid.Cid;
import dev.cairn.http.HttpException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * Puts the {@link SubdomainHosts} in front of the gateway's handlers. Every gateway route comes
 * through here, because the Host decides before the path does: on {@code {cid}.ipfs.{host}} even
 * {@code /ipfs/x} is a path inside the content root.
 *
 * <ul>
 *   <li>{@code {cid}.ipfs.{host}/p}: the path gateway's answer for {@code /ipfs/{cid}/p}, with
 *       redirects and listing links relative to the subdomain origin; a label that is not the
 *       canonical one (CIDv1 base32, or base36 when that is too long) is sent to it with 301.</li>
 *   <li>{@code {host}/ipfs/{cid}/p}: 301 to {@code {cidv1}.ipfs.{host}/p}, path and query kept, so
 *       each content root gets its own web origin. Trustless requests ({@code format=raw|car} or
 *       their {@code Accept}) are answered in place: their bytes are verified, not rendered by
 *       a browser, and fetchers pointed at the bare host keep working.</li>
 *   <li>{@code /ipns/...} and {@code {name}.ipns.{host}}: the names handler (not resolved yet).</li>
 *   <li>any other host: the plain path gateway, unchanged.</li>
 * </ul>
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Proto} are honoured as Kubo does, for a gateway
 * behind a reverse proxy.
 */
final class SubdomainRouter {
    private final SubdomainHosts hosts;
    private final Handler content;
    private final Handler names;

    /**
     * @param content serves the content path of the request ({@link ContentPath#of})
     * @param names   answers {@code /ipns/} requests
     */
    SubdomainRouter(SubdomainHosts hosts, Handler content, Handler names) {
        this.hosts = hosts;
        this.content = content;
        this.names = names;
    }

    /** Route {@code /ipfs/{cid}[/path]}. */
    void ipfs(Context ctx) throws Exception {
        switch (hosts.match(host(ctx))) {
            case SubdomainHosts.Subdomain s -> subdomain(ctx, s);
            case SubdomainHosts.GatewayHost g -> {
                if (trustless(ctx)) {
                    content.handle(ctx);
                } else {
                    toSubdomain(ctx, g);
                }
            }
            case SubdomainHosts.PathGateway p -> content.handle(ctx);
        }
    }

    /** Route {@code /ipns/{name}[/path]}. */
    void ipns(Context ctx) throws Exception {
        if (hosts.match(host(ctx)) instanceof SubdomainHosts.Subdomain s) {
            subdomain(ctx, s);
        } else {
            names.handle(ctx);
        }
    }

    /** Every other path: content on a subdomain origin, the {@code ?uri=} router, else no such endpoint. */
    void other(Context ctx) throws Exception {
        if (hosts.match(host(ctx)) instanceof SubdomainHosts.Subdomain s) {
            subdomain(ctx, s);
            return;
        }
        String uri = ctx.queryParam("uri");
        if (uri != null && (ctx.path().equals("/ipfs/") || ctx.path().equals("/ipns/"))) {
            uriRouter(ctx, uri);
            return;
        }
        throw HttpException.notFound("no such endpoint: " + ctx.method() + " " + ctx.path());
    }

    private void subdomain(Context ctx, SubdomainHosts.Subdomain s) throws Exception {
        if (s.namespace().equals("ipns")) {
            names.handle(ctx);
            return;
        }
        Cid cid = SubdomainHosts.cidOf(s.label()).orElseThrow(() -> HttpException.badRequest(
                "invalid CID in subdomain label '" + s.label() + "': a subdomain gateway host is {cid}.ipfs."
                        + s.authority()));
        String canonical = SubdomainHosts.dnsLabel(cid);
        if (!canonical.equals(s.label())) {
            redirect(ctx, canonical, s.authority(), ctx.path());
            return;
        }
        String path = ctx.path();
        ctx.attribute(ContentPath.MOUNT_ATTRIBUTE, new ContentPath.Mount(
                ContentPath.PREFIX + canonical + (path.equals("/") ? "/" : path), "//" + s.authority()));
        content.handle(ctx);
    }

    /**
     * {@code /ipfs/?uri=ipfs://{cid}/p}: 301 to {@code /ipfs/{cid}/p}, the target browsers use for
     * {@code ipfs://} links via {@code navigator.registerProtocolHandler} (same for {@code ipns://}).
     */
    private static void uriRouter(Context ctx, String uri) {
        int sep = uri.indexOf("://");
        String scheme = sep < 0 ? "" : uri.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("ipfs") && !scheme.equals("ipns") || sep + 3 >= uri.length()) {
            throw HttpException.badRequest("uri query parameter must be an ipfs:// or ipns:// URI, got '" + uri + "'");
        }
        // Printable ASCII goes as given (the URI is already encoded); the rest is percent-encoded,
        // so no space, control character or raw UTF-8 reaches the Location header.
        StringBuilder location = new StringBuilder("/").append(scheme).append('/');
        for (byte x : uri.substring(sep + 3).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f) {
                location.append((char) c);
            } else {
                location.append('%').append(java.util.HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        ctx.header("Location", location.toString());
        ctx.status(301);
    }

    /** {@code /ipfs/{cid}/rest?q} on a gateway host: 301 to {@code {label}.ipfs.{host}/rest?q}. */
    private static void toSubdomain(Context ctx, SubdomainHosts.GatewayHost g) {
        String rest = ctx.path().substring(ContentPath.PREFIX.length());
        int slash = rest.indexOf('/');
        String cidText = ContentPath.decode(slash < 0 ? rest : rest.substring(0, slash));
        Cid cid = SubdomainHosts.cidOf(cidText).orElseThrow(() -> HttpException.badRequest(
                "invalid path \"" + ContentPath.PREFIX + cidText + "\": not a CID"));
        redirect(ctx, SubdomainHosts.dnsLabel(cid), g.authority(), slash < 0 ? "/" : rest.substring(slash));
    }

    private static void redirect(Context ctx, String label, String authority, String path) {
        String query = ctx.queryString();
        String proto = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) ? "https" : "http";
        ctx.header("Location", proto + "://" + label + ".ipfs." + authority + path
                + (query == null || query.isEmpty() ? "" : "?" + query));
        ctx.status(301);
    }

    /** {@code X-Forwarded-Host} (its first value, the client-facing one) when present, else {@code Host}. */
    private static String host(Context ctx) {
        return host(ctx.header("X-Forwarded-Host"), ctx.header("Host"));
    }

    /** The host a request is for, from its {@code X-Forwarded-Host} and {@code Host} headers (either may be null). */
    static String host(String forwarded, String host) {
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return comma < 0 ? forwarded : forwarded.substring(0, comma);
        }
        return host;
    }

    /** A trustless response asked for by {@code ?format=} or, without it, by {@code Accept}. */
    private static boolean trustless(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            String f = format.toLowerCase(Locale.ROOT);
            return f.equals("raw") || f.equals("car");
        }
        String accept = ctx.header("Accept");
        return accept != null && (accept.contains(GatewaySurface.RAW) || accept.contains(GatewaySurface.CAR));
    }
}
