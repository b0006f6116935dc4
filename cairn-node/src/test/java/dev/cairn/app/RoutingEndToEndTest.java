package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.unixfs.importer.ImportOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes as {@code cairn serve} runs them, where B finds A only through A's delegated routing
 * server: B's {@code fetch.routing-endpoints} is A's gateway URL, the pin request names no
 * origin, and B has no upstream gateway. B's own routing client ({@code fetch.DelegatedRouting})
 * reads A's answer and fetches from the address A advertises.
 */
class RoutingEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void nodeBPinsFromNodeAFoundOnlyThroughAsRoutingEndpoint() throws Exception {
        RunningNode a = start("a", Map.of());
        byte[] data = new byte[1_500_000];
        new Random(11).nextBytes(data);
        Path file = Files.write(tmp.resolve("a.bin"), data);
        Cid root = a.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { },
                a.local().pinnerFor(a.local().admin(line -> { }).id())).get(0).cid();
        RunningNode b = start("b", Map.of("fetch.routing-endpoints", a.gatewayUri().toString()));

        JsonNode done = pinAndAwait(b, root);

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("pinned");
        assertThat(done.get("info").get("blocks_fetched").asText()).isNotEqualTo("0");
        HttpResponse<byte[]> back = http.send(HttpRequest.newBuilder(b.gatewayUri().resolve("/ipfs/" + root)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(back.body()).isEqualTo(data);
    }

    @Test
    void aNodeInPinnedModeDoesNotAdvertiseWhatItStoresButNobodyPins() throws Exception {
        RunningNode a = start("a", Map.of());
        Path file = Files.write(tmp.resolve("loose.bin"), new byte[] {1, 2, 3});
        Cid loose = a.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { },
                dev.cairn.content.UploadPinner.NONE).get(0).cid();

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(a.gatewayUri()
                .resolve("/routing/v1/providers/" + loose)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("Providers")).isEmpty();
    }

    @Test
    void aBlockInsideAPinnedDagIsAdvertisedAsTheGatewayServesIt() throws Exception {
        RunningNode a = start("a", Map.of());
        byte[] data = new byte[700_000]; // three leaves under one root
        new Random(12).nextBytes(data);
        Path file = Files.write(tmp.resolve("dag.bin"), data);
        Cid root = a.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { },
                a.local().pinnerFor(a.local().admin(line -> { }).id())).get(0).cid();
        Cid leaf = dev.cairn.dag.Links.of(root, a.local().content().block(root).orElseThrow()).get(1);

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(a.gatewayUri()
                .resolve("/routing/v1/providers/" + leaf)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> raw = http.send(HttpRequest.newBuilder(a.gatewayUri()
                .resolve("/ipfs/" + leaf + "?format=raw")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(JSON.readTree(r.body()).get("Providers")).hasSize(1);
        assertThat(raw.statusCode()).isEqualTo(200);
    }

    @Test
    void configuredAnnounceAddressesReplaceTheBoundOne() throws Exception {
        RunningNode a = start("a", Map.of("gateway.mode", "public",
                "gateway.announce-addrs", "/dns/gw.example.com/tcp/443/https"));
        Path file = Files.write(tmp.resolve("x.bin"), new byte[] {4, 5, 6});
        Cid cid = a.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { },
                dev.cairn.content.UploadPinner.NONE).get(0).cid();

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(a.gatewayUri()
                .resolve("/routing/v1/providers/" + cid)).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode peer = JSON.readTree(r.body()).get("Providers").get(0);
        assertThat(peer.get("ID").asText()).isEqualTo(a.local().context().identity().peerId().toString());
        assertThat(peer.get("Addrs").toString()).isEqualTo("[\"/dns/gw.example.com/tcp/443/https\"]");
    }

    @Test
    void theGatewayListenerAppliesTheConfiguredLimits() throws Exception {
        RunningNode a = start("a", Map.of("gateway.mode", "public", "gateway.max-ranges", "1"));
        Path file = Files.write(tmp.resolve("r.bin"), new byte[1000]);
        Cid cid = a.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { },
                dev.cairn.content.UploadPinner.NONE).get(0).cid();
        HttpRequest.Builder get = HttpRequest.newBuilder(a.gatewayUri().resolve("/ipfs/" + cid));

        HttpResponse<String> two = http.send(get.copy().header("Range", "bytes=0-1,5-6").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> one = http.send(get.copy().header("Range", "bytes=0-1").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(two.statusCode()).isEqualTo(416);
        assertThat(two.body()).contains("gateway.max-ranges");
        assertThat(one.statusCode()).isEqualTo(206);
    }

    private RunningNode start(String name, Map<String, String> extra) {
        Map<String, String> set = new java.util.HashMap<>(Map.of("api.listen", "127.0.0.1:0",
                "gateway.listen", "127.0.0.1:0", "fetch.allow-private-origins", "true"));
        set.putAll(extra);
        RunningNode node = RunningNode.start(NodeContext.open(new CairnHome(tmp.resolve(name)), Map.of(), set),
                line -> { });
        open.add(node);
        return node;
    }

    private JsonNode pinAndAwait(RunningNode node, Cid cid) throws Exception {
        String token = Files.readString(node.local().context().home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/pins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("cid", cid.toString()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = JSON.readTree(created.body()).get("requestid").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/pins/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(res.body());
            String s = status.get("status").asText();
            if (s.equals("pinned") || s.equals("failed")) {
                return status;
            }
            assertThat(System.nanoTime()).as("still " + s + ": " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
