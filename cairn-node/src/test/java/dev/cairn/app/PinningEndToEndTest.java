package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.fetch.IpfsCar;
import dev.cairn.fetch.TrustlessOrigin;
import dev.cairn.interop.UnixfsCat;
import dev.cairn.testing.FixtureCars;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pinning Service API end to end, as a client sees it: {@code POST /pins} with an origin,
 * polling until {@code pinned} or {@code failed}, then reading the content back. Origins are
 * independent where it matters: a CAR made by {@code ipfs-car} served by a Node trustless
 * gateway over {@code @ipld/car}, and another Cairn node.
 */
class PinningEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void contentFromAnIndependentOriginIsPinnedAndReadBackByteForByte() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 17, 1);
        Path file = Files.write(tmp.resolve("data.bin"), data);
        Path car = tmp.resolve("data.car");
        Cid root = IpfsCar.pack(file, car);
        TrustlessOrigin origin = keep(TrustlessOrigin.serve(car));
        RunningNode node = start("n1");

        JsonNode created = post(node, "/pins", Map.of("cid", root.toString(), "name", "from ipfs-car",
                "origins", List.of(origin.multiaddr())));
        assertThat(created.get("status").asText()).isEqualTo("queued");
        JsonNode done = awaitSettled(node, created.get("requestid").asText());

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("pinned");
        assertThat(done.get("info").get("blocks_fetched").asText()).isNotEqualTo("0");
        Path back = tmp.resolve("back.car");
        Files.write(back, get(node.gatewayUri(), "/ipfs/" + root + "?format=car").body());
        assertThat(UnixfsCat.cat(back, root.toString())).isEqualTo(data); // ipfs-unixfs-exporter reads it
    }

    @Test
    void oneCairnNodePinsFromAnother() throws Exception {
        RunningNode a = start("a");
        Path file = Files.write(tmp.resolve("a.bin"), random(2 * 1024 * 1024, 2));
        // Pinned on A (as an upload is), so that A's gateway, in its default pinned mode, serves it.
        Cid root = a.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { },
                a.local().pinnerFor(a.local().admin(line -> { }).id())).get(0).cid();
        RunningNode b = start("b");

        String originA = "/ip4/127.0.0.1/tcp/" + a.gatewayUri().getPort() + "/http";
        JsonNode created = post(b, "/pins", Map.of("cid", root.toString(), "origins", List.of(originA)));
        JsonNode done = awaitSettled(b, created.get("requestid").asText());

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("pinned");
        byte[] carA = get(a.gatewayUri(), "/ipfs/" + root + "?format=car").body();
        byte[] carB = get(b.gatewayUri(), "/ipfs/" + root + "?format=car").body();
        assertThat(sha256(carB)).isEqualTo(sha256(carA));
    }

    @Test
    void aPinWhoseOnlyOriginLiesFailsWithAReasonAndStoresNothing() throws Exception {
        Path file = Files.write(tmp.resolve("lie.bin"), random(1024 * 1024, 3));
        Path car = tmp.resolve("lie.car");
        Cid root = IpfsCar.pack(file, car);
        TrustlessOrigin liar = keep(TrustlessOrigin.serve(List.of("--lie"), car));
        RunningNode node = start("n");

        JsonNode created = post(node, "/pins", Map.of("cid", root.toString(), "origins", List.of(liar.multiaddr())));
        long started = System.nanoTime();
        JsonNode done = awaitSettled(node, created.get("requestid").asText());

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("failed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
        assertThat(done.get("info").get("status_details").asText()).containsIgnoringCase("match");
        for (Block b : FixtureCars.blocks(car)) {
            assertThat(node.local().blocks().has(b.cid())).as(b.cid().toString()).isFalse();
        }
    }

    @Test
    void aPinOfContentAlreadyStoredCompletesWithoutAnyOrigin() throws Exception {
        RunningNode node = start("n");
        Path file = Files.write(tmp.resolve("here.bin"), random(300_000, 4));
        Cid root = node.local().content().add(List.of(file), false, ImportOptions.kubo(), n -> { }, dev.cairn.content.UploadPinner.NONE).get(0).cid();
        JsonNode created = post(node, "/pins", Map.of("cid", root.toString()));
        JsonNode done = awaitSettled(node, created.get("requestid").asText());
        assertThat(done.get("status").asText()).isEqualTo("pinned");
        assertThat(done.get("info").get("blocks_fetched").asText()).isEqualTo("0");
    }

    @Test
    void servesGatewayAnswersOnlyForPinnedContentByDefault() throws Exception {
        RunningNode node = start("n");
        Path loose = Files.write(tmp.resolve("loose.bin"), random(10_000, 5));
        Cid unpinned = node.local().content().add(List.of(loose), false, ImportOptions.kubo(), n -> { },
                dev.cairn.content.UploadPinner.NONE).get(0).cid();
        Path kept = Files.write(tmp.resolve("kept.bin"), random(10_000, 6));
        Cid pinned = node.local().content().add(List.of(kept), false, ImportOptions.kubo(), n -> { },
                node.local().pinnerFor(node.local().admin(line -> { }).id())).get(0).cid();

        HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(node.gatewayUri()
                .resolve("/ipfs/" + unpinned + "?format=raw")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).as("stored but pinned by no one: gateway.mode=pinned").isEqualTo(404);
        assertThat(get(node.gatewayUri(), "/ipfs/" + pinned + "?format=raw").statusCode()).isEqualTo(200);
    }

    private RunningNode start(String name) {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve(name)), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0",
                        "fetch.allow-private-origins", "true"));
        RunningNode node = RunningNode.start(ctx, line -> { });
        open.add(node);
        return node;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private String token(RunningNode node) throws IOException {
        return Files.readString(node.local().context().home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    private JsonNode post(RunningNode node, String path, Object body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve(path))
                .header("Authorization", "Bearer " + token(node)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return JSON.readTree(res.body());
    }

    private JsonNode awaitSettled(RunningNode node, String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve("/pins/" + requestId))
                    .header("Authorization", "Bearer " + token(node)).GET().build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            JsonNode status = JSON.readTree(res.body());
            String s = status.get("status").asText();
            if (s.equals("pinned") || s.equals("failed")) {
                return status;
            }
            assertThat(System.nanoTime()).as("still " + s + ": " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private HttpResponse<byte[]> get(URI base, String path) throws Exception {
        HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).isEqualTo(200);
        return res;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
