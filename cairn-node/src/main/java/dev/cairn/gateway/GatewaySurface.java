package dev.cairn.gateway;

import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.cid.CidPolicy;
import dev.cairn.config.GatewayMode;
import dev.cairn.http.Access;
import dev.cairn.http.Cors;
import dev.cairn.http.ErrorMapping;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.FastRoute;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.multiformats.CodecException;
import dev.cairn.unixfs.reader.InvalidPathException;
import dev.cairn.unixfs.reader.NotADirectoryException;
import dev.cairn.unixfs.reader.PathNotFoundException;
import dev.cairn.unixfs.reader.Resolution;
import dev.cairn.unixfs.reader.SymlinkInPathException;
import dev.cairn.unixfs.reader.UnixfsNode;
import dev.cairn.unixfs.reader.UnixfsReader;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The minimal trustless gateway other nodes (and Cairn's own fetcher) pull from:
 * {@code GET/HEAD /ipfs/{cid}} with {@code ?format=raw} or {@code ?format=car} (or the matching
 * {@code Accept}), per the trustless gateway spec
 * (https://specs.ipfs.tech/http-gateways/trustless-gateway/). Every response is verifiable by
 * the client: a raw block hashes to its CID, a CAR's blocks hash to theirs.
 *
 * <p>Without a trustless format, {@code /ipfs/{cid}[/path]} is the path gateway
 * (https://specs.ipfs.tech/http-gateways/path-gateway/): UnixFS files, directories and symlinks
 * deserialized by {@link UnixfsResponses}. With a path, {@code format=raw} serves the terminal
 * block and {@code format=car} the path's blocks then the terminal's DAG.
 *
 * <p>Who may read is the {@link dev.cairn.config.GatewayMode} (ARCHITECTURE.md section 6), judged on the CID at
 * the head of the path through the {@link ReadAccess} port: any block of a pinned DAG, by its own CID.
 */
public final class GatewaySurface implements HttpSurface {
    static final String RAW = "application/vnd.ipld.raw";
    static final String CAR = "application/vnd.ipld.car";
    static final String CAR_TYPE = CAR + "; version=1; order=dfs; dups=n";
    static final String IMMUTABLE = "public, max-age=29030400, immutable";
    /** In private mode: a shared cache must not hand one account's content to another. */
    static final String PRIVATE_IMMUTABLE = "private, max-age=29030400, immutable";
    private static final String PRIVATE_ATTRIBUTE = "cairn.gateway.private";

    private static final ErrorMapping MAPPING = ErrorMapping.builder()
            .map(CodecException.class, 400)
            .map(IllegalArgumentException.class, 400)
            .map(BlockNotFoundException.class, 404)
            .map(InvalidPathException.class, 400)
            .map(PathNotFoundException.class, 404)
            .map(NotADirectoryException.class, 404)
            .map(SymlinkInPathException.class, 404)
            .build();

    private final ContentBackend content;
    private final BlockSource source;
    private final UnixfsResponses unixfs;
    private final UnixfsReader reader;
    private final CidPolicy policy = CidPolicy.standard();

    private final GatewayMode mode;
    private final ReadAccess access;
    private final SubdomainHosts subdomains;
    /** False only in tests that compare the routed answers with the fast route's ({@link SmallFileRoute}). */
    private final boolean fast;

    /** A gateway serving everything in the store ({@link GatewayMode#PUBLIC}). */
    public GatewaySurface(ContentBackend content) {
        this(content, GatewayMode.PUBLIC, null);
    }

    /**
     * @param access asked in the {@code pinned} and {@code private} modes (may be null in {@code public})
     */
    public GatewaySurface(ContentBackend content, GatewayMode mode, ReadAccess access) {
        this(content, mode, access, SubdomainHosts.none());
    }

    /**
     * @param subdomains the hosts on which this is also a subdomain gateway ({@link SubdomainRouter})
     */
    public GatewaySurface(ContentBackend content, GatewayMode mode, ReadAccess access, SubdomainHosts subdomains) {
        this(content, mode, access, subdomains, true);
    }

    private GatewaySurface(ContentBackend content, GatewayMode mode, ReadAccess access, SubdomainHosts subdomains,
                           boolean fast) {
        this.fast = fast;
        this.subdomains = subdomains;
        if (mode != GatewayMode.PUBLIC && access == null) {
            throw new IllegalArgumentException("gateway mode " + mode.label() + " needs a ReadAccess");
        }
        this.mode = mode;
        this.access = access;
        this.content = content;
        this.source = content.blocks();
        this.unixfs = new UnixfsResponses(source);
        this.reader = UnixfsReader.over(source);
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public void routes(Routes routes) {
        // The Host decides first (a subdomain origin serves every path from its content root).
        SubdomainRouter router = new SubdomainRouter(subdomains, this::serve, GatewaySurface::names);
        for (String path : List.of("/ipfs/{cid}", "/ipfs/{cid}/<path>")) {
            routes.get(path, Access.ANONYMOUS, router::ipfs);
            routes.head(path, Access.ANONYMOUS, router::ipfs);
        }
        // Names are not resolved yet (the IPNS issue fills these in): say so rather than 404 "no such endpoint".
        for (String path : List.of("/ipns/{name}", "/ipns/{name}/<path>")) {
            routes.get(path, Access.ANONYMOUS, router::ipns);
            routes.head(path, Access.ANONYMOUS, router::ipns);
        }
        for (String path : List.of("/", "/<path>")) {
            routes.get(path, Access.ANONYMOUS, router::other);
            routes.head(path, Access.ANONYMOUS, router::other);
        }
    }

    /** What boxo's gateway answers (and the gateway conformance suite expects). */
    @Override
    public Cors cors() {
        return new Cors("GET, HEAD, OPTIONS", "Content-Type, Range, User-Agent, X-Requested-With",
                "Content-Range, Content-Length, X-Ipfs-Path, X-Ipfs-Roots, X-Chunked-Output, X-Stream-Output");
    }

    /**
     * Whole small files on the plain path gateway, answered without the router
     * ({@link SmallFileRoute}). None in private mode: every private read needs a token, and the
     * routes check it.
     */
    @Override
    public FastRoute fastRoute() {
        return fast && mode != GatewayMode.PRIVATE ? new SmallFileRoute(source, mode, access, subdomains) : null;
    }

    /** This gateway without its fast route: every request through the routes (for the differential test). */
    GatewaySurface routedOnly() {
        return new GatewaySurface(content, mode, access, subdomains, false);
    }

    /** Plain-text errors, as gateways answer them. */
    @Override
    public ErrorRenderer errors() {
        return ErrorRenderer.plainText(MAPPING::status);
    }

    enum Format { RAW, CAR, CODEC, TAR }

    /** The codec formats served as stored, only when the CID's codec is that one (IPIP-0524). */
    private static final Map<String, Long> CODECS = Map.of("dag-json", 0x0129L, "dag-cbor", 0x71L, "json", 0x0200L,
            "cbor", 0x51L);

    /** The trustless format asked for, with the {@code Accept} parameters that came with it. */
    record Chosen(Format format, Map<String, String> acceptParams) {
    }

    private void serve(Context ctx) throws IOException {
        ContentPath path = ContentPath.of(ctx);
        Cid root = parse(path.cid());
        Chosen chosen = format(ctx.header("Accept"), ctx.queryParam("format"));
        ctx.header("Vary", "Accept");
        authorize(ctx, root);
        // Only the root is checked: enough to answer without network I/O, as the spec asks.
        // (Looked up once: on small files this lookup is a good part of a request's work.)
        Optional<byte[]> rootBlock = source.get(root);
        boolean missing = rootBlock.isEmpty();
        String cacheControl = ctx.header("Cache-Control");
        if (missing && cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("only-if-cached")) {
            throw new HttpException(412, "block " + root + " is not in this node's store (only-if-cached)");
        }
        if (missing) {
            throw HttpException.notFound("block " + root + " not found");
        }
        if (chosen == null) {
            unixfs.serve(ctx, path, root, rootBlock.get());
            return;
        }
        if (ctx.queryParam("format") == null) {
            // The format came from Accept: name the URL that gives this answer whatever the Accept.
            String query = ctx.queryString();
            String name = switch (chosen.format()) {
                case RAW -> "raw";
                case CAR -> "car";
                case TAR -> "tar";
                case CODEC -> chosen.acceptParams().get("codec");
            };
            ctx.header("Content-Location", ctx.path() + "?format=" + name
                    + (query == null || query.isEmpty() ? "" : "&" + query));
        }
        Resolution resolution = path.segments().isEmpty() ? null : reader.resolve(root, path.remainder());
        if (chosen.format() == Format.RAW) {
            raw(ctx, resolution == null ? root : resolution.cid());
        } else if (chosen.format() == Format.TAR) {
            tar(ctx, path, resolution == null ? reader.node(root) : resolution.node());
        } else if (chosen.format() == Format.CODEC) {
            codec(ctx, resolution == null ? root : resolution.cid(), chosen.acceptParams().get("codec"));
        } else {
            Map<String, String> query = new HashMap<>();
            for (String key : List.of("dag-scope", "entity-bytes", "car-version", "car-order", "car-dups")) {
                String value = ctx.queryParam(key);
                if (value != null) {
                    query.put(key, value);
                }
            }
            car(ctx, root, resolution, CarRequest.of(query, chosen.acceptParams()));
        }
    }

    /**
     * Applies the gateway mode before anything about the content is looked at: a reader who may
     * not see {@code root} gets the very 404 a missing root gets (same status, same body).
     * Identity CIDs carry their content in the CID itself and are always readable.
     */
    private void authorize(Context ctx, Cid root) {
        if (mode == GatewayMode.PUBLIC || root.isIdentity()) {
            return;
        }
        boolean allowed;
        if (mode == GatewayMode.PINNED) {
            allowed = access.readableByAnyone(root);
        } else {
            String secret = token(ctx);
            if (secret == null) {
                ctx.header("WWW-Authenticate", "Bearer");
                throw HttpException.unauthorized("this gateway is private: send a token with the gateway scope"
                        + " (Authorization: Bearer <token> or ?token=)");
            }
            Principal principal = access.authenticate(secret).orElseThrow(() -> {
                ctx.header("WWW-Authenticate", "Bearer");
                return HttpException.unauthorized("the token is not valid (unknown, revoked or expired)");
            });
            if (!principal.may(Scope.GATEWAY)) {
                throw HttpException.forbidden("the token lacks the gateway scope");
            }
            allowed = access.readableBy(principal.account().id(), root);
            ctx.attribute(PRIVATE_ATTRIBUTE, Boolean.TRUE);
            ctx.header("Vary", "Accept, Authorization");
        }
        if (!allowed) {
            throw HttpException.notFound("block " + root + " not found");
        }
    }

    /** The Cache-Control of content addressed by CID: immutable, shared only outside private mode. */
    static String immutable(Context ctx) {
        return privateRead(ctx) ? PRIVATE_IMMUTABLE : IMMUTABLE;
    }

    /** True when this request was let in by a private-mode token. */
    static boolean privateRead(Context ctx) {
        return ctx.attribute(PRIVATE_ATTRIBUTE) != null;
    }

    private static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = header.substring(7).strip();
            return secret.isEmpty() ? null : secret;
        }
        String query = ctx.queryParam("token");
        return query == null || query.isEmpty() ? null : query;
    }

    private static void names(Context ctx) {
        throw new HttpException(501, "/ipns/ names (IPNS keys and DNSLink) are not resolved by this gateway yet;"
                + " use an /ipfs/{cid} path");
    }

    private Cid parse(String text) {
        try {
            return policy.check(Cid.parse(text));
        } catch (CodecException e) {
            throw HttpException.badRequest("invalid CID '" + text + "': " + e.getMessage());
        }
    }

    /**
     * {@code ?format=} wins over {@code Accept}, as the spec says; null asks for a deserialized
     * response. Of the {@code Accept} media ranges (highest q first), the first raw or servable CAR
     * one is taken; a CAR variant this gateway cannot produce (say {@code order=foo}) is passed over,
     * and is 400 when nothing else fits.
     */
    static Chosen format(String accept, String format) {
        List<CarRequest.MediaRange> ranges = CarRequest.accept(accept);
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "raw" -> new Chosen(Format.RAW, Map.of());
                case "car" -> new Chosen(Format.CAR, ranges.stream()
                        .filter(m -> m.type().equals(CAR) && m.servableCar()).findFirst()
                        .map(CarRequest.MediaRange::params).orElse(Map.of()));
                case "tar" -> new Chosen(Format.TAR, Map.of());
                case "dag-json", "dag-cbor", "json", "cbor" ->
                        new Chosen(Format.CODEC, Map.of("codec", format.toLowerCase(Locale.ROOT)));
                default -> throw new HttpException(406, "format=" + format + " is not served"
                        + " (use raw, car, tar, dag-json, dag-cbor, json or cbor)");
            };
        }
        boolean unservableCar = false;
        for (CarRequest.MediaRange m : ranges) {
            if (m.type().equals(RAW)) {
                return new Chosen(Format.RAW, Map.of());
            }
            if (m.type().equals("application/x-tar")) {
                return new Chosen(Format.TAR, Map.of());
            }
            if (m.type().equals("application/vnd.ipld.dag-json") || m.type().equals("application/vnd.ipld.dag-cbor")) {
                return new Chosen(Format.CODEC, Map.of("codec", m.type().substring("application/vnd.ipld.".length())));
            }
            if (m.type().equals(CAR)) {
                if (m.servableCar()) {
                    return new Chosen(Format.CAR, m.params());
                }
                unservableCar = true;
            }
        }
        if (unservableCar) {
            throw HttpException.badRequest("no CAR variant in Accept can be served (version=1, order=dfs|unk, dups=y|n)");
        }
        return null; // a deserialized response
    }

    /** A UnixFS file, directory or symlink as a tar archive; anything else is 406 before a byte is sent. */
    private void tar(Context ctx, ContentPath path, UnixfsNode node) throws IOException {
        switch (node.kind()) {
            case FILE, RAW_FILE, DIRECTORY, HAMT_DIRECTORY, SYMLINK -> { }
            default -> throw new HttpException(406, "format=tar serves UnixFS only; " + node.cid() + " is " + node.kind());
        }
        String etag = "W/\"" + node.cid() + ".x-tar\"";
        commonHeaders(ctx, node.cid(), etag);
        ctx.header("X-Content-Type-Options", "nosniff");
        String filename = ctx.queryParam("filename");
        ctx.header("Content-Disposition", Disposition.of("attachment", filename != null ? filename : node.cid() + ".tar"));
        if (notModified(ctx, etag)) {
            return;
        }
        ctx.contentType("application/x-tar");
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        TarStream.write(reader, node, path.lastName(), ctx.outputStream());
    }

    /** A block served as stored when its codec is the one asked for; no conversion between codecs: 406. */
    private void codec(Context ctx, Cid cid, String name) {
        if (cid.codec() != CODECS.get(name)) {
            throw new HttpException(406, "format " + name + " does not match the codec of " + cid
                    + " (codecs are not converted; use format=raw for the block as stored)");
        }
        byte[] data = source.get(cid).orElseThrow(() -> HttpException.notFound("block " + cid + " not found"));
        String etag = "\"" + cid + "." + name + "\"";
        commonHeaders(ctx, cid, etag);
        boolean json = name.endsWith("json");
        ctx.header("Content-Disposition", Disposition.of(json ? "inline" : "attachment",
                cid + (json ? ".json" : ".cbor")));
        if (notModified(ctx, etag)) {
            return;
        }
        ctx.contentType(name.startsWith("dag-") ? "application/vnd.ipld." + name : "application/" + name);
        ctx.header("Content-Length", Integer.toString(data.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(data);
        }
    }

    private void raw(Context ctx, Cid cid) {
        byte[] data = source.get(cid).orElseThrow(() -> HttpException.notFound("block " + cid + " not found"));
        String etag = "\"" + cid + ".raw\"";
        commonHeaders(ctx, cid, etag);
        String filename = ctx.queryParam("filename");
        ctx.header("Content-Disposition", Disposition.of("attachment", filename != null ? filename : cid + ".bin"));
        if (notModified(ctx, etag)) {
            return;
        }
        ctx.contentType(RAW);
        ctx.header("Content-Length", Integer.toString(data.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(data);
        }
    }

    private void car(Context ctx, Cid root, Resolution resolution, CarRequest request) throws IOException {
        Cid cid = resolution == null ? root : resolution.cid();
        String pathTag = resolution == null ? "" : "." + Integer.toHexString(ContentPath.requested(ctx).hashCode());
        String etag = "W/\"" + cid + pathTag + ".car." + request.tag() + "\"";
        commonHeaders(ctx, cid, etag);
        if (resolution != null) {
            ctx.header("X-Ipfs-Roots", resolution.path().stream().map(Cid::toString)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + cid + ".car\"");
        ctx.header("Accept-Ranges", "none");
        if (notModified(ctx, etag)) {
            return;
        }
        // Decoded before the status line goes out: a terminal that is not there is a clean 404.
        UnixfsNode terminal = resolution == null ? reader.node(cid) : resolution.node();
        ctx.contentType(request.contentType());
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        OutputStream out = ctx.outputStream();
        if (resolution == null && request.scope() == CarRequest.Scope.ALL && !request.dups()) {
            content.writeCar(cid, out); // the common case, as the backend streams it best
        } else {
            CarStream.write(source, reader, root, resolution == null ? List.of() : resolution.blocks(), terminal,
                    request, out);
        }
        out.flush();
    }

    private static void commonHeaders(Context ctx, Cid cid, String etag) {
        ctx.header("Etag", etag);
        ctx.header("Cache-Control", immutable(ctx));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Ipfs-Path", ContentPath.requested(ctx));
        ctx.header("X-Ipfs-Roots", cid.toString());
    }

    /** {@code If-None-Match} with this Etag (strong, weak, in a list, or {@code *}): 304, no body. */
    static boolean notModified(Context ctx, String... etags) {
        if (matches(ctx.header("If-None-Match"), etags)) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    /** True when an {@code If-None-Match} value (null when absent) names one of these Etags. */
    static boolean matches(String ifNoneMatch, String... etags) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            for (String etag : etags) {
                String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
                if (c.equals("*") || c.equals(bare) || c.equals("W/" + bare)) {
                    return true;
                }
            }
        }
        return false;
    }
}
