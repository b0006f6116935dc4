package dev.cairn.gateway;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.cid.CidPolicy;
import dev.cairn.config.GatewayMode;
import dev.cairn.http.FastRoute;
import dev.cairn.multiformats.CodecException;
import dev.cairn.unixfs.UnixfsData;
import dev.cairn.unixfs.reader.UnixfsNode;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's {@link FastRoute}: {@code GET/HEAD /ipfs/{cid}} of a whole small file, answered
 * without the servlet layer and the router. It exists for one figure, issue 5's requests/s on a
 * 1 KiB file against nginx, where those layers were most of a request's cost (see
 * {@code dev.cairn.http.FastLane}).
 *
 * <p>It answers only what it can answer exactly as {@link GatewaySurface} and
 * {@link UnixfsResponses} do (a differential test compares the two), and declines everything
 * else to the routes:
 * <ul>
 *   <li>any query string ({@code ?format=}, {@code ?filename=}, {@code ?token=}, ...), any
 *       {@code Range}, and an {@code Accept} asking for anything but a deserialized response;</li>
 *   <li>any path but {@code /ipfs/} and a CID of letters and digits (no sub-path, no trailing
 *       slash, no percent-encoding), and a CID that does not parse or pass the CID policy, or is
 *       an identity CID;</li>
 *   <li>a host that is a subdomain gateway host or one of its subdomains (redirects live there);</li>
 *   <li>in {@code pinned} mode a CID nobody pins (the routes answer the 404); the {@code private}
 *       mode has no fast route at all;</li>
 *   <li>a block not in the store (404, or 412 with {@code only-if-cached}: the routes say which),
 *       and anything but a raw block or a dag-pb UnixFS file whose bytes are all inline, up to
 *       {@value #MAX_BYTES} bytes.</li>
 * </ul>
 */
final class SmallFileRoute implements FastRoute {
    /** Larger files are rare among small-request floods, and the routes stream them from mapped packs. */
    static final int MAX_BYTES = 64 * 1024;
    /** Far above any CID Cairn accepts (a 64-byte digest in base58 is under 100 characters). */
    private static final int MAX_CID_CHARS = 200;

    private final BlockSource source;
    private final GatewayMode mode;
    private final ReadAccess access;
    private final SubdomainHosts subdomains;
    private final CidPolicy policy = CidPolicy.standard();
    /**
     * What earlier requests learnt about a CID text: the CID it parses to, and its file's type.
     * Both are facts for good (content addressing fixes the bytes, hence the sniffed type), so
     * keeping them changes no answer; whether the block is still stored and readable is asked
     * anew on every request. Parsing (base58) and sniffing were a tenth of a fast request's CPU.
     */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(Cid cid, String type) {
    }

    /** Enough for a hot set of small files; the map is simply emptied when it grows past this. */
    static final int MAX_KNOWN = 10_000;

    SmallFileRoute(BlockSource source, GatewayMode mode, ReadAccess access, SubdomainHosts subdomains) {
        if (mode == GatewayMode.PRIVATE) {
            throw new IllegalArgumentException("private mode has no fast route: every read needs its token checked");
        }
        this.source = source;
        this.mode = mode;
        this.access = access;
        this.subdomains = subdomains;
    }

    @Override
    public Answer answer(Request request) {
        String path = request.path();
        if (request.query() != null || request.header("Range") != null || !path.startsWith(ContentPath.PREFIX)) {
            return null;
        }
        String cidText = path.substring(ContentPath.PREFIX.length());
        if (!lettersAndDigits(cidText) || !deserialized(request.header("Accept"))
                || !(subdomains.match(SubdomainRouter.host(request.header("X-Forwarded-Host"), request.header("Host")))
                        instanceof SubdomainHosts.PathGateway)) {
            return null;
        }
        Known seen = known.get(cidText);
        Cid root;
        try {
            root = seen != null ? seen.cid() : policy.check(Cid.parse(cidText));
        } catch (CodecException e) {
            return null;
        }
        if (root.isIdentity() || (mode == GatewayMode.PINNED && !access.readableByAnyone(root))) {
            return null;
        }
        byte[] block = source.get(root).orElse(null);
        byte[] body = block == null ? null : wholeFile(root, block);
        if (body == null) {
            return null;
        }
        // The headers of GatewaySurface.serve and UnixfsResponses.file, in their order.
        String etag = UnixfsResponses.etag(root);
        Answer.Builder answer = new Answer.Builder()
                .header("Vary", "Accept")
                .header("X-Ipfs-Path", path)
                .header("X-Ipfs-Roots", root.toString())
                .header("Etag", etag)
                .header("Cache-Control", GatewaySurface.IMMUTABLE);
        if (GatewaySurface.matches(request.header("If-None-Match"), etag)) {
            // The routes' 304 carries Javalin's default Content-Type (the handler sets none).
            return answer.header("Content-Type", "text/plain").build(304, null);
        }
        String type = seen != null ? seen.type() : UnixfsResponses.contentType(cidText,
                () -> MediaTypes.sniff(body.length <= MediaTypes.SNIFF_BYTES ? body
                        : Arrays.copyOf(body, MediaTypes.SNIFF_BYTES)));
        if (seen == null) {
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.put(cidText, new Known(root, type));
        }
        return answer.header("Accept-Ranges", "bytes")
                .header("Content-Type", type)
                .header("Content-Length", Integer.toString(body.length))
                .build(200, body);
    }

    /** The bytes of a file held whole in its one block, or null for anything else (or anything odd). */
    private static byte[] wholeFile(Cid cid, byte[] block) {
        if (block.length > MAX_BYTES + 1024) {
            return null;
        }
        UnixfsNode node;
        try {
            node = UnixfsNode.decode(cid, block);
        } catch (CodecException e) {
            return null;
        }
        byte[] body = switch (node.kind()) {
            case RAW_FILE -> block;
            case FILE -> node.links().isEmpty() ? inline(node.unixfs().orElseThrow()) : null;
            default -> null;
        };
        return body != null && body.length <= MAX_BYTES ? body : null;
    }

    private static byte[] inline(UnixfsData data) {
        byte[] bytes = data.data() == null ? new byte[0] : data.data();
        boolean whole = data.blocksizes().isEmpty() && (data.filesize() == null || data.filesize() == bytes.length);
        return whole ? bytes : null;
    }

    private static boolean lettersAndDigits(String text) {
        if (text.isEmpty() || text.length() > MAX_CID_CHARS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** True when the routes would serve the deserialized file for this {@code Accept}. */
    private static boolean deserialized(String accept) {
        if (accept == null || accept.equals("*/*")) {
            return true;
        }
        try {
            return GatewaySurface.format(accept, null) == null;
        } catch (RuntimeException e) { // an Accept the routes refuse: they say how
            return false;
        }
    }
}
