package dev.cairn.gateway;

import dev.cairn.block.Block;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.car.CarWriter;
import dev.cairn.cid.Cid;
import dev.cairn.cid.CidPolicy;
import dev.cairn.http.Access;
import dev.cairn.http.Cors;
import dev.cairn.http.ErrorMapping;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.multiformats.CodecException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The minimal trustless gateway other nodes (and Cairn's own fetcher) pull from:
 * {@code GET/HEAD /ipfs/{cid}} with {@code ?format=raw} or {@code ?format=car} (or the matching
 * {@code Accept}), per the trustless gateway spec
 * (https://specs.ipfs.tech/http-gateways/trustless-gateway/). Every response is verifiable by
 * the client: a raw block hashes to its CID, a CAR's blocks hash to theirs.
 *
 * <p>Serves anything in the store for now; the access modes of ARCHITECTURE.md section 6 come
 * later. Deserialized (UnixFS) responses are not served yet: 501.
 */
public final class GatewaySurface implements HttpSurface {
    static final String RAW = "application/vnd.ipld.raw";
    static final String CAR = "application/vnd.ipld.car";
    static final String CAR_TYPE = CAR + "; version=1; order=dfs; dups=n";
    static final String IMMUTABLE = "public, max-age=29030400, immutable";

    private static final ErrorMapping MAPPING = ErrorMapping.builder()
            .map(CodecException.class, 400)
            .map(IllegalArgumentException.class, 400)
            .map(BlockNotFoundException.class, 404)
            .build();

    private final ContentBackend content;
    private final CidPolicy policy = CidPolicy.standard();

    public GatewaySurface(ContentBackend content) {
        this.content = content;
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/ipfs/{cid}", Access.ANONYMOUS, this::serve);
        routes.head("/ipfs/{cid}", Access.ANONYMOUS, this::serve);
    }

    /** What boxo's gateway answers (and the gateway conformance suite expects). */
    @Override
    public Cors cors() {
        return new Cors("GET, HEAD, OPTIONS", "Content-Type, Range, User-Agent, X-Requested-With",
                "Content-Range, Content-Length, X-Ipfs-Path, X-Ipfs-Roots, X-Chunked-Output, X-Stream-Output");
    }

    /** Plain-text errors, as gateways answer them. */
    @Override
    public ErrorRenderer errors() {
        return new ErrorRenderer() {
            @Override
            public int status(Exception e) {
                return MAPPING.status(e);
            }

            @Override
            public void render(Context ctx, int status, String message) {
                ctx.status(status).contentType("text/plain; charset=utf-8")
                        .result((message + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private enum Format { RAW, CAR }

    private void serve(Context ctx) throws IOException {
        Cid cid = parse(ctx.pathParam("cid"));
        Format format = format(ctx);
        ctx.header("Vary", "Accept");
        if (format == Format.RAW) {
            raw(ctx, cid);
        } else {
            car(ctx, cid);
        }
    }

    private Cid parse(String text) {
        try {
            return policy.check(Cid.parse(text));
        } catch (CodecException e) {
            throw HttpException.badRequest("invalid CID '" + text + "': " + e.getMessage());
        }
    }

    /** {@code ?format=} wins over {@code Accept}, as the spec says. */
    private static Format format(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "raw" -> Format.RAW;
                case "car" -> Format.CAR;
                default -> throw new HttpException(406, "format=" + format + " is not served (use raw or car)");
            };
        }
        String accept = ctx.header("Accept");
        if (accept != null) {
            for (String part : accept.split(",")) {
                String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (type.equals(RAW)) {
                    return Format.RAW;
                }
                if (type.equals(CAR)) {
                    return Format.CAR;
                }
            }
        }
        throw new HttpException(501, "only trustless responses are served: add ?format=raw or ?format=car");
    }

    private void raw(Context ctx, Cid cid) {
        byte[] data = content.block(cid).orElseThrow(() -> HttpException.notFound("block " + cid + " not found"));
        String etag = "\"" + cid + ".raw\"";
        commonHeaders(ctx, cid, etag);
        ctx.header("Content-Disposition", "attachment; filename=\"" + cid + ".bin\"");
        if (notModified(ctx, etag)) {
            return;
        }
        ctx.contentType(RAW);
        ctx.header("Content-Length", Integer.toString(data.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(data);
        }
    }

    private void car(Context ctx, Cid cid) throws IOException {
        String scope = ctx.queryParam("dag-scope") == null ? "all" : ctx.queryParam("dag-scope");
        if (!scope.equals("all") && !scope.equals("block")) {
            throw HttpException.badRequest("dag-scope=" + scope + " is not supported (use all or block)");
        }
        String version = ctx.queryParam("car-version");
        if (version != null && !version.equals("1")) {
            throw HttpException.badRequest("car-version=" + version + " is not supported (only 1)");
        }
        String order = ctx.queryParam("car-order");
        if (order != null && !order.equals("dfs") && !order.equals("unk")) {
            throw HttpException.badRequest("car-order=" + order + " is not supported (dfs or unk)");
        }
        // The root is checked before the status line goes out: a missing root is a clean 404.
        byte[] root = content.block(cid).orElseThrow(() -> HttpException.notFound("block " + cid + " not found"));
        String etag = "W/\"" + cid + ".car." + scope + ".dfs.n\"";
        commonHeaders(ctx, cid, etag);
        ctx.header("Content-Disposition", "attachment; filename=\"" + cid + ".car\"");
        ctx.header("Accept-Ranges", "none");
        if (notModified(ctx, etag)) {
            return;
        }
        ctx.contentType(CAR_TYPE);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        OutputStream out = ctx.outputStream();
        if (scope.equals("block")) {
            CarWriter car = CarWriter.open(out, List.of(cid));
            car.write(Block.trusted(cid, root));
            car.flush();
        } else {
            content.writeCar(cid, out);
        }
        out.flush();
    }

    private static void commonHeaders(Context ctx, Cid cid, String etag) {
        ctx.header("Etag", etag);
        ctx.header("Cache-Control", IMMUTABLE);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Ipfs-Path", "/ipfs/" + ctx.pathParam("cid"));
        ctx.header("X-Ipfs-Roots", cid.toString());
    }

    /** {@code If-None-Match} with this Etag (strong, weak, in a list, or {@code *}): 304, no body. */
    private static boolean notModified(Context ctx, String etag) {
        String header = ctx.header("If-None-Match");
        if (header == null) {
            return false;
        }
        String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(bare) || c.equals("W/" + bare)) {
                ctx.status(304);
                return true;
            }
        }
        return false;
    }
}
