package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Principal;
import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.config.GatewayMode;
import dev.cairn.config.ListenAddress;
import dev.cairn.dag.DagExport;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delegated routing server on the gateway listener, over real HTTP: which CIDs name this node
 * as a provider in each gateway mode, and the wire format of the answer (JSON, NDJSON, CORS).
 */
class RoutingServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
    /** Not stored anywhere. */
    static final String ABSENT = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    /** Keyed by multihash, as the block store is: a CIDv0 and its CIDv1 name the same block. */
    final Map<Multihash, byte[]> blocks = new ConcurrentHashMap<>();
    final Set<Cid> pinned = ConcurrentHashMap.newKeySet();
    final HttpClient http = HttpClient.newHttpClient();
    HttpServerHandle server;

    final class Backend implements ContentBackend {
        @Override
        public Optional<byte[]> block(Cid cid) {
            return Optional.ofNullable(blocks.get(cid.multihash()));
        }

        @Override
        public void writeCar(Cid root, OutputStream out) throws IOException {
            DagExport.writeCar(this::block, root, out);
        }
    }

    final class Pins implements ReadAccess {
        @Override
        public boolean readableByAnyone(Cid cid) {
            return pinned.contains(cid);
        }

        @Override
        public boolean readableBy(long accountId, Cid cid) {
            return pinned.contains(cid);
        }

        @Override
        public Optional<Principal> authenticate(String secret) {
            return Optional.empty();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(GatewayMode mode) {
        Backend backend = new Backend();
        Pins access = new Pins();
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(backend, mode, access),
                        new RoutingSurface(backend, mode, access, PEER,
                                () -> GatewayAddresses.ofBound("127.0.0.1", server.port()))));
    }

    private Cid store(String text) {
        Block b = Block.of(Multicodec.RAW, text.getBytes(StandardCharsets.UTF_8));
        blocks.put(b.cid().multihash(), b.data());
        return b.cid();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode providers(Object cid) throws Exception {
        HttpResponse<String> r = get("/routing/v1/providers/" + cid);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("Providers");
    }

    @Test
    void storedContentNamesThisNodeAsAnHttpGatewayProviderAtTheBoundAddress() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid cid = store("hello");

        HttpResponse<String> r = get("/routing/v1/providers/" + cid);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Vary")).contains("Accept");
        JsonNode list = JSON.readTree(r.body()).get("Providers");
        assertThat(list).hasSize(1);
        JsonNode peer = list.get(0);
        assertThat(peer.get("Schema").asText()).isEqualTo("peer");
        assertThat(peer.get("ID").asText()).isEqualTo(PEER);
        assertThat(peer.get("Addrs").get(0).asText()).isEqualTo("/ip4/127.0.0.1/tcp/" + server.port() + "/http");
        assertThat(peer.get("Protocols").get(0).asText()).isEqualTo("transport-ipfs-gateway-http");
    }

    @Test
    void theAdvertisedAddressServesTheContentTrustlessly() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid cid = store("fetch me");
        String addr = providers(cid).get(0).get("Addrs").get(0).asText();
        String base = "http://" + addr.split("/")[2] + ":" + addr.split("/")[4];

        HttpResponse<byte[]> raw = http.send(HttpRequest.newBuilder(java.net.URI.create(base + "/ipfs/" + cid + "?format=raw"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo("fetch me".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void contentNotHeldIsAnEmptyListNotA404AsIpip0513Asks() throws Exception {
        start(GatewayMode.PUBLIC);
        HttpResponse<String> r = get("/routing/v1/providers/" + ABSENT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("Providers")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=15");
    }

    @Test
    void ndjsonIsStreamedOnlyWhenAskedFor() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid cid = store("lines");
        HttpResponse<String> r = get("/routing/v1/providers/" + cid, "Accept", "application/x-ndjson");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("ID").asText()).isEqualTo(PEER);
        assertThat(get("/routing/v1/providers/" + ABSENT, "Accept", "application/x-ndjson").body()).isEmpty();
    }

    @Test
    void aCidv0AsksForTheSameContent() throws Exception {
        start(GatewayMode.PUBLIC);
        Block b = Block.of(Multicodec.DAG_PB, new byte[] {0x0a, 0x02, 0x08, 0x01}); // a dag-pb node: CIDv0 names only dag-pb
        blocks.put(b.cid().multihash(), b.data());
        assertThat(providers(b.cid().toV0())).hasSize(1);
    }

    @Test
    void aMalformedCidIs422AsTheRoutingSpecSays() throws Exception {
        start(GatewayMode.PUBLIC);
        HttpResponse<String> r = get("/routing/v1/providers/not-a-cid");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("invalid CID");
    }

    @Test
    void inPinnedModeOnlyPinnedContentIsAdvertised() throws Exception {
        start(GatewayMode.PINNED);
        Cid loose = store("stored, pinned by no one");
        Cid kept = store("pinned");
        pinned.add(kept);
        assertThat(providers(loose)).as("the gateway would 404 it, so routing must not list it").isEmpty();
        assertThat(providers(kept)).hasSize(1);
    }

    @Test
    void inPrivateModeNothingIsAdvertisedToAnonymousRoutingClients() throws Exception {
        start(GatewayMode.PRIVATE);
        Cid kept = store("private");
        pinned.add(kept);
        HttpResponse<String> hit = get("/routing/v1/providers/" + kept);
        HttpResponse<String> miss = get("/routing/v1/providers/" + ABSENT);
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(hit.headers().firstValue("Cache-Control")).isEqualTo(miss.headers().firstValue("Cache-Control"));
    }

    @Test
    void filtersByProtocolAndAddressAsIpip484Says() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid cid = store("filtered");
        assertThat(providers(cid + "?filter-protocols=transport-bitswap")).isEmpty();
        assertThat(providers(cid + "?filter-protocols=transport-bitswap,TRANSPORT-IPFS-GATEWAY-HTTP")).hasSize(1);
        assertThat(providers(cid + "?filter-addrs=!http")).isEmpty();
        assertThat(providers(cid + "?filter-addrs=ip6")).isEmpty();
        assertThat(providers(cid + "?filter-addrs=ip4,!tls")).hasSize(1);
    }

    @Test
    void aPreflightAllowsGetFromAnyOrigin() throws Exception {
        start(GatewayMode.PUBLIC);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/routing/v1/providers/" + ABSENT))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET"));
    }

    @Test
    void peerAndIpnsRoutingAreNotImplemented() throws Exception {
        start(GatewayMode.PUBLIC);
        assertThat(get("/routing/v1/peers/" + PEER).statusCode()).isEqualTo(501);
        assertThat(get("/routing/v1/ipns/k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8").statusCode()).isEqualTo(501);
    }

    @Test
    void aWildcardBindIsAdvertisedAsEveryInterfaceLoopbackLast() {
        List<String> addrs = GatewayAddresses.ofBound("0.0.0.0", 8080);
        assertThat(addrs).isNotEmpty().allSatisfy(a -> assertThat(a).startsWith("/ip4/").endsWith("/tcp/8080/http"));
        assertThat(addrs.get(addrs.size() - 1)).isEqualTo("/ip4/127.0.0.1/tcp/8080/http");
        assertThat(GatewayAddresses.ofBound("::1", 80)).containsExactly("/ip6/::1/tcp/80/http");
        assertThat(GatewayAddresses.ofBound("gw.example.com", 443)).containsExactly("/dns/gw.example.com/tcp/443/http");
    }
}
