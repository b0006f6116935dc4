package dev.cairn.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.cid.Cid;
import dev.cairn.cid.CidPolicy;
import dev.cairn.config.GatewayMode;
import dev.cairn.http.Access;
import dev.cairn.http.Cors;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.multiformats.CodecException;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The delegated routing server (https://specs.ipfs.tech/routing/http-routing-v1/) on the gateway
 * listener: {@code GET /routing/v1/providers/{cid}} names this node, with its gateway as an HTTP
 * provider ({@code transport-ipfs-gateway-http}), for content this gateway would serve. Other
 * nodes' fetchers (Cairn's own {@code fetch.routing-endpoints}, boxo, Helia) then pull the DAG
 * from {@code /ipfs/{cid}?format=car}.
 *
 * <p>Never a leak: a CID is listed only when an anonymous request for it would be served, judged
 * like the gateway judges the head of a path ({@link GatewayMode}): in {@code public} mode when the
 * block is stored, in {@code pinned} mode when it belongs to a DAG some account pins, in {@code private} mode never
 * (routing clients send no token, and a listing would tell who has what). Otherwise the answer is
 * the same as for content nobody has: 200 with no providers (IPIP-0513: servers SHOULD NOT answer
 * 404, which older clients, Cairn's included, read as empty too).
 *
 * <p>Peer and IPNS routing are not served: 501, as the spec asks for unsupported paths.
 */
public final class RoutingSurface implements HttpSurface {
    static final String PROTOCOL = "transport-ipfs-gateway-http";
    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Spec guidance (section 6.5 of the spec notes): short for misses, longer for hits. */
    private static final String CACHE_EMPTY = "public, max-age=15";
    private static final String CACHE_HIT = "public, max-age=300";

    private final ContentBackend content;
    private final GatewayMode mode;
    private final ReadAccess access;
    private final String peerId;
    private final Supplier<List<String>> addresses;
    private final CidPolicy policy = CidPolicy.standard();

    /**
     * @param access asked in {@code pinned} mode (may be null in {@code public} and {@code private})
     * @param peerId this node's peer ID, as {@code cairn id} prints it
     * @param addresses the gateway's multiaddrs ({@code /ip4/.../tcp/8080/http}); asked per request
     *     because the bound port is known only once the listener started
     */
    public RoutingSurface(ContentBackend content, GatewayMode mode, ReadAccess access, String peerId,
                          Supplier<List<String>> addresses) {
        if (mode == GatewayMode.PINNED && access == null) {
            throw new IllegalArgumentException("gateway mode pinned needs a ReadAccess");
        }
        this.content = content;
        this.mode = mode;
        this.access = access;
        this.peerId = peerId;
        this.addresses = addresses;
    }

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/routing/v1/providers/{cid}", Access.ANONYMOUS, this::providers);
        for (String path : List.of("/routing/v1/peers/{id}", "/routing/v1/ipns/{name}")) {
            routes.get(path, Access.ANONYMOUS, RoutingSurface::notImplemented);
        }
    }

    /** The spec's CORS answer: any origin, GET (PUT is not served). */
    @Override
    public Cors cors() {
        return new Cors("GET, OPTIONS", "Content-Type, Accept, User-Agent, X-Requested-With", null);
    }

    /** Plain-text errors, as boxo's routing server answers them. */
    @Override
    public ErrorRenderer errors() {
        return ErrorRenderer.plainText(e -> 500); // its own errors are HttpExceptions with their status
    }

    private void providers(Context ctx) throws IOException {
        Cid cid = parse(ctx.pathParam("cid"));
        List<ObjectNode> records = new ArrayList<>();
        if (readable(cid)) {
            ObjectNode peer = peerRecord(ctx.queryParam("filter-addrs"));
            if (peer != null && protocolWanted(ctx.queryParam("filter-protocols"))) {
                records.add(peer);
            }
        }
        ctx.header("Vary", "Accept");
        ctx.header("Cache-Control", records.isEmpty() ? CACHE_EMPTY : CACHE_HIT);
        StringBuilder body = new StringBuilder();
        if (wantsNdjson(ctx.header("Accept"))) {
            ctx.contentType(NDJSON);
            for (ObjectNode record : records) {
                body.append(JSON.writeValueAsString(record)).append('\n');
            }
        } else {
            ctx.contentType("application/json");
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("Providers");
            records.forEach(list::add);
            body.append(JSON.writeValueAsString(root));
        }
        ctx.result(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an anonymous gateway request for {@code cid} would be served (see the class comment). */
    private boolean readable(Cid cid) {
        return switch (mode) {
            case PUBLIC -> content.block(cid).isPresent();
            case PINNED -> access.readableByAnyone(cid) && content.block(cid).isPresent();
            case PRIVATE -> false;
        };
    }

    /** This node's peer record, or null when {@code filter-addrs} leaves no address. */
    private ObjectNode peerRecord(String filterAddrs) {
        List<String> addrs = GatewayAddresses.filter(addresses.get(), filterAddrs);
        if (addrs.isEmpty()) {
            return null;
        }
        ObjectNode peer = JSON.createObjectNode();
        peer.put("Schema", "peer");
        peer.put("ID", peerId);
        ArrayNode a = peer.putArray("Addrs");
        addrs.forEach(a::add);
        peer.putArray("Protocols").add(PROTOCOL);
        return peer;
    }

    /** IPIP-484 {@code filter-protocols}: absent or empty keeps everything; names compare case-insensitively. */
    private static boolean protocolWanted(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        for (String p : filter.split(",")) {
            if (p.strip().equalsIgnoreCase(PROTOCOL)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsNdjson(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(NDJSON);
    }

    private Cid parse(String text) {
        try {
            return policy.check(Cid.parse(text));
        } catch (CodecException | IllegalArgumentException e) {
            // Routing V1: input that breaks the spec's constraints is 422 Unprocessable Entity, not 400
            throw new HttpException(422, "invalid CID '" + text + "': " + e.getMessage());
        }
    }

    private static void notImplemented(Context ctx) {
        throw new HttpException(501, "this routing server answers only GET /routing/v1/providers/{cid}");
    }
}
