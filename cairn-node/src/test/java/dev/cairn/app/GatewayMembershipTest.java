package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.content.UploadPinner;
import dev.cairn.interop.UnixfsCat;
import dev.cairn.interop.UnixfsReference;
import dev.cairn.unixfs.importer.ImportOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's pinned and private modes serve any block of a pinned DAG by its own CID (a
 * sub-directory, a file, a chunk: what trustless clients fetch when they resume), and nothing once
 * the pin is gone. The DAG is {@code site/{a.txt, sub/big.bin}} with {@code big.bin} three chunks
 * long; the CIDs come from ipfs-unixfs-importer (independent of Cairn), including the first chunk's:
 * in Kubo's layout a one-chunk file is its own leaf, so the file of big.bin's first 262,144 bytes has
 * the CID of big.bin's first leaf.
 */
class GatewayMembershipTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 262_144;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    Path site;
    Path other;
    byte[] big;
    Cid root;
    Cid sub;
    Cid bigFile;
    Cid firstChunk;
    Cid otherRoot;
    Cid otherFile;

    @BeforeEach
    void trees() throws Exception {
        site = Files.createDirectories(tmp.resolve("in/site"));
        Files.createDirectories(site.resolve("sub"));
        Files.writeString(site.resolve("a.txt"), "hello membership\n");
        big = random(2 * CHUNK + 1000, 1);
        Files.write(site.resolve("sub/big.bin"), big);
        Path chunk = Files.write(tmp.resolve("in/chunk.bin"), Arrays.copyOf(big, CHUNK));
        other = Files.createDirectories(tmp.resolve("in/other"));
        Files.write(other.resolve("o.bin"), random(CHUNK + 7, 2));

        var refs = UnixfsReference.compute(List.of(UnixfsReference.Case.kubo("site", site),
                UnixfsReference.Case.kubo("chunk", chunk), UnixfsReference.Case.kubo("other", other)));
        root = Cid.parse(refs.get("site").root());
        sub = Cid.parse(refs.get("site").cidOf("site/sub"));
        bigFile = Cid.parse(refs.get("site").cidOf("site/sub/big.bin"));
        firstChunk = Cid.parse(refs.get("chunk").root());
        otherRoot = Cid.parse(refs.get("other").root());
        otherFile = Cid.parse(refs.get("other").cidOf("other/o.bin"));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void innerBlocksOfADagPinnedThroughThePsaAreServedByTheirOwnCidUntilThePinIsDeleted() throws Exception {
        RunningNode node = start("n", "pinned");
        assertThat(store(node, site, UploadPinner.NONE)).as("Cairn's import is the reference DAG").isEqualTo(root);
        assertThat(status(node, sub, "raw", null)).as("stored, pinned by no one").isEqualTo(404);

        String id = pin(node, root);

        assertRawVerifies(node, sub, null);
        assertRawVerifies(node, firstChunk, null);
        assertRawVerifies(node, bigFile, null);
        Path car = tmp.resolve("big.car");
        Files.write(car, fetch(node, bigFile, "car", null).body());
        assertThat(UnixfsCat.cat(car, bigFile.toString())).as("big.bin's own CAR, read by ipfs-unixfs-exporter")
                .isEqualTo(big);
        assertThat(status(node, sub, "car", null)).isEqualTo(200);
        assertThat(status(node, firstChunk.toV1(), "raw", null)).as("CIDv1 of the same chunk").isEqualTo(200);

        delete(node, id);

        for (Cid cid : List.of(root, sub, bigFile, firstChunk)) {
            assertThat(status(node, cid, "raw", null)).as(cid + " after the delete").isEqualTo(404);
            assertThat(status(node, cid, "car", null)).as(cid + " as CAR after the delete").isEqualTo(404);
        }
    }

    @Test
    void uploadsRecordMembershipInTheirOwnCommit() throws Exception {
        RunningNode node = start("n", "pinned");
        store(node, site, node.local().pinnerFor(node.local().admin(line -> { }).id()));

        assertThat(node.local().pins().membership().backlog()).as("nothing left for the backfill").isZero();
        assertRawVerifies(node, sub, null);
        assertRawVerifies(node, firstChunk, null);
        assertThat(status(node, otherFile, "raw", null)).isEqualTo(404);
    }

    @Test
    void aCarImportedWithItsRootsPinnedHasEveryBlockReadable() throws Exception {
        RunningNode node = start("n", "pinned");
        Path file = Files.write(tmp.resolve("in/packed.bin"), random(5 * CHUNK + 3, 3));
        Path car = tmp.resolve("packed.car");
        Cid packed = dev.cairn.fetch.IpfsCar.pack(file, car); // ipfs-car (npm): CIDv1, raw leaves

        node.local().content().importCars(List.of(car), node.local().pinnerFor(node.local().admin(line -> { }).id()));

        assertThat(node.local().pins().membership().backlog()).isZero();
        List<dev.cairn.block.Block> blocks = dev.cairn.testing.FixtureCars.blocks(car);
        assertThat(blocks).hasSizeGreaterThan(2);
        for (dev.cairn.block.Block b : blocks) {
            assertRawVerifies(node, b.cid(), null);
        }
        assertThat(status(node, packed, "car", null)).isEqualTo(200);
    }

    @Test
    void aRootPinnedTwiceStaysReadableUntilItsLastPinGoes() throws Exception {
        RunningNode node = start("n", "pinned");
        store(node, site, UploadPinner.NONE);
        String first = pin(node, root);
        String second = pin(node, root);

        delete(node, first);
        assertThat(status(node, firstChunk, "raw", null)).as("still pinned by the second request").isEqualTo(200);
        delete(node, second);
        assertThat(status(node, firstChunk, "raw", null)).isEqualTo(404);
    }

    @Test
    void replacingAPinMovesReadabilityToTheNewDag() throws Exception {
        RunningNode node = start("n", "pinned");
        store(node, site, UploadPinner.NONE);
        store(node, other, UploadPinner.NONE);
        String id = pin(node, root);

        JsonNode replaced = api(node, "POST", "/pins/" + id, Map.of("cid", otherRoot.toString()), 202);
        awaitPinned(node, replaced.get("requestid").asText());

        assertThat(status(node, otherFile, "raw", null)).isEqualTo(200);
        assertThat(status(node, sub, "raw", null)).as("the replaced DAG").isEqualTo(404);
        assertThat(status(node, firstChunk, "raw", null)).isEqualTo(404);
    }

    @Test
    void privateModeServesEachAccountTheBlocksOfItsOwnPinsOnly() throws Exception {
        RunningNode node = start("n", "private");
        var accounts = node.accounts();
        long alice = accounts.create("alice").id();
        long bob = accounts.create("bob").id();
        String aliceToken = accounts.issue("alice", Set.of(Scope.GATEWAY), null, "test").secret();
        String bobToken = accounts.issue("bob", Set.of(Scope.GATEWAY), null, "test").secret();
        store(node, site, node.local().pinnerFor(alice));
        store(node, other, node.local().pinnerFor(bob));

        assertRawVerifies(node, sub, aliceToken);
        assertRawVerifies(node, firstChunk, aliceToken);
        assertThat(status(node, otherFile, "raw", aliceToken)).as("bob's block, to alice").isEqualTo(404);
        assertThat(status(node, sub, "raw", bobToken)).as("alice's block, to bob").isEqualTo(404);
        assertThat(status(node, firstChunk, "car", bobToken)).isEqualTo(404);
        assertRawVerifies(node, otherFile, bobToken);

        store(node, site, node.local().pinnerFor(bob)); // bob pins alice's DAG too
        assertRawVerifies(node, firstChunk, bobToken);
    }

    // --- helpers ---

    private RunningNode start(String name, String mode) {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve(name)), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0", "gateway.mode", mode));
        RunningNode node = RunningNode.start(ctx, line -> { });
        open.add(node);
        return node;
    }

    private static Cid store(RunningNode node, Path dir, UploadPinner pinner) throws Exception {
        return node.local().content().add(List.of(dir), true, ImportOptions.kubo(), n -> { }, pinner)
                .getLast().cid();
    }

    private String pin(RunningNode node, Cid cid) throws Exception {
        String id = api(node, "POST", "/pins", Map.of("cid", cid.toString()), 202).get("requestid").asText();
        awaitPinned(node, id);
        return id;
    }

    private void delete(RunningNode node, String id) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/pins/" + id))
                .header("Authorization", "Bearer " + adminToken(node)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    private JsonNode api(RunningNode node, String method, String path, Object body, int expected) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve(path))
                .header("Authorization", "Bearer " + adminToken(node)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(expected);
        return JSON.readTree(res.body());
    }

    private void awaitPinned(RunningNode node, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/pins/" + id))
                    .header("Authorization", "Bearer " + adminToken(node)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String s = JSON.readTree(res.body()).get("status").asText();
            if (s.equals("pinned")) {
                return;
            }
            assertThat(s).as(res.body()).isNotEqualTo("failed");
            assertThat(System.nanoTime()).as("still " + s).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String adminToken(RunningNode node) throws Exception {
        return Files.readString(node.local().context().home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    private HttpResponse<byte[]> fetch(RunningNode node, Cid cid, String format, String token) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(node.gatewayUri().resolve("/ipfs/" + cid + "?format=" + format));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return http.send(req.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private int status(RunningNode node, Cid cid, String format, String token) throws Exception {
        return fetch(node, cid, format, token).statusCode();
    }

    /** 200, and the bytes hash to the CID's digest (SHA-256, as a trustless client checks). */
    private void assertRawVerifies(RunningNode node, Cid cid, String token) throws Exception {
        HttpResponse<byte[]> res = fetch(node, cid, "raw", token);
        assertThat(res.statusCode()).as(cid + " as raw").isEqualTo(200);
        assertThat(MessageDigest.getInstance("SHA-256").digest(res.body())).isEqualTo(cid.multihash().digest());
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
