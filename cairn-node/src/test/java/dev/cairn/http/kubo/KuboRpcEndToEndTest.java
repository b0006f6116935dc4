package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.MultipartBodies.dirPart;
import static dev.cairn.http.kubo.MultipartBodies.filePart;
import static dev.cairn.http.kubo.MultipartBodies.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.interop.UnixfsReference;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubo RPC over real HTTP against a running node, as Kubo clients and {@code curl -F} call it. */
class KuboRpcEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RunningNode node;
    private String token;

    @BeforeEach
    void start() throws Exception {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        node = RunningNode.start(ctx, line -> { });
        token = Files.readString(ctx.home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aFileAddedWithCurlStyleMultipartHasTheCidOfIpfsUnixfsImporterAndIsPinnedForTheCaller() throws Exception {
        byte[] data = random(700_000, 1);
        Path file = Files.write(tmp.resolve("hello.bin"), data);

        HttpResponse<String> res = post("/api/v0/add", bearer(token), multipart(List.of(filePart("hello.bin", data))));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> lines = ndjson(res.body());
        assertThat(lines).hasSize(1);
        String expected = UnixfsReference.compute(UnixfsReference.Case.kubo("f", file)).root();
        assertThat(lines.get(0).get("Hash").asText()).isEqualTo(expected);
        assertThat(lines.get(0).get("Name").asText()).isEqualTo("hello.bin");
        assertThat(lines.get(0).get("Size").isTextual()).isTrue();
        JsonNode pins = JSON.readTree(get("/pins?cid=" + expected, token).body());
        assertThat(pins.get("count").asInt()).isEqualTo(1);
        assertThat(pins.get("results").get(0).get("status").asText()).isEqualTo("pinned");
    }

    @Test
    void aDirectoryWithNestedAndEmptyDirectoriesMatchesTheReferenceWithCidV1AndWrapping() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("up/site"));
        byte[] a = random(300_000, 2);
        byte[] b = "hello kubo\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a.bin"), a);
        Files.createDirectories(dir.resolve("sub/empty"));
        Files.write(dir.resolve("sub/b.txt"), b);
        // Kubo's client order: each directory before its contents, names URL-encoded
        List<byte[]> parts = List.of(dirPart("site"), filePart("site%2Fa.bin", a), dirPart("site%2Fsub"),
                dirPart("site%2Fsub%2Fempty"), filePart("site%2Fsub%2Fb.txt", b));

        HttpResponse<String> res = post("/api/v0/add?cid-version=1&wrap-with-directory=true", bearer(token),
                multipart(parts));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        UnixfsReference.Result ref = UnixfsReference.compute(new UnixfsReference.Case("d", dir,
                Map.of("cidVersion", 1, "rawLeaves", true, "wrapWithDirectory", true)));
        List<JsonNode> lines = ndjson(res.body());
        assertThat(lines.get(lines.size() - 1).get("Name").asText()).isEmpty();
        assertThat(lines.get(lines.size() - 1).get("Hash").asText()).isEqualTo(ref.root());
        Map<String, String> ours = new java.util.HashMap<>();
        lines.forEach(l -> ours.put(l.get("Name").asText(), l.get("Hash").asText()));
        for (UnixfsReference.Entry e : ref.entries()) {
            assertThat(ours.get(e.path())).as(e.path()).isEqualTo(e.cid());
        }
        assertThat(ours).containsKey("site/sub/empty"); // the reference does not list empty directories
    }

    @Test
    void catReadsBackARangeAndBlockStatAndGetAnswerForTheRoot() throws Exception {
        byte[] data = random(600_000, 3);
        String cid = addOne(data, "");

        HttpResponse<byte[]> cat = postBytes("/api/v0/cat?arg=" + cid + "&offset=1000&length=300000", bearer(token));
        assertThat(cat.statusCode()).isEqualTo(200);
        assertThat(cat.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 301_000));
        HttpResponse<byte[]> whole = postBytes("/api/v0/cat?arg=/ipfs/" + cid, bearer(token));
        assertThat(whole.body()).isEqualTo(data);

        JsonNode stat = JSON.readTree(post("/api/v0/block/stat?arg=" + cid, bearer(token), new byte[0]).body());
        HttpResponse<byte[]> block = postBytes("/api/v0/block/get?arg=" + cid, bearer(token));
        assertThat(stat.get("Key").asText()).isEqualTo(cid);
        assertThat(stat.get("Size").asInt()).isEqualTo(block.body().length).isGreaterThan(0);
    }

    @Test
    void onlyHashAndPinFalseStoreOrPinNothing() throws Exception {
        byte[] data = random(5000, 4);
        String hashed = addOne(data, "?only-hash=true");
        HttpResponse<String> stat = post("/api/v0/block/stat?arg=" + hashed, bearer(token), new byte[0]);
        assertThat(stat.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(stat.body()).get("Type").asText()).isEqualTo("error");
        HttpResponse<String> cat = post("/api/v0/cat?arg=" + hashed, bearer(token), new byte[0]);
        assertThat(cat.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(cat.body()).get("Message").asText()).contains("not found");
        assertThat(JSON.readTree(cat.body()).get("Code").asInt()).isZero();

        String unpinned = addOne(data, "?pin=false");
        assertThat(unpinned).isEqualTo(hashed);
        assertThat(JSON.readTree(get("/pins?cid=" + unpinned, token).body()).get("count").asInt()).isZero();
    }

    @Test
    void progressStreamsByteCountsBeforeTheEntry() throws Exception {
        byte[] data = random(1_000_000, 5);
        HttpResponse<String> res = post("/api/v0/add?progress=true", bearer(token),
                multipart(List.of(filePart("p.bin", data))));
        List<JsonNode> lines = ndjson(res.body());
        assertThat(lines.get(0).has("Bytes")).isTrue();
        assertThat(lines.get(lines.size() - 2).get("Bytes").asLong()).isEqualTo(data.length);
        assertThat(lines.get(lines.size() - 1).get("Hash").asText()).startsWith("Qm");
    }

    @Test
    void basicAuthInfuraStyleWorksAndAWrongTokenOrAccountIsA401InKubosFormat() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + token).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = post("/api/v0/version", basic, new byte[0]);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("Version").asText()).isEqualTo(KuboRpcSurface.KUBO_VERSION);

        String wrongUser = "Basic " + Base64.getEncoder().encodeToString(("bob:" + token).getBytes(StandardCharsets.UTF_8));
        for (String auth : List.of(wrongUser, bearer("not-a-token"))) {
            HttpResponse<String> res = post("/api/v0/version", auth, new byte[0]);
            assertThat(res.statusCode()).isEqualTo(401);
            JsonNode err = JSON.readTree(res.body());
            assertThat(err.get("Type").asText()).isEqualTo("error");
            assertThat(err.get("Message").asText()).isNotBlank();
            assertThat(err.has("Code")).isTrue();
        }
    }

    @Test
    void aTokenWithoutTheUploadScopeIsRefusedWith403() throws Exception {
        node.accounts().create("reader");
        String readOnly = node.accounts().issue("reader", Set.of(Scope.READ), null, "test").secret();
        HttpResponse<String> res = post("/api/v0/add", bearer(readOnly), multipart(List.of(filePart("x", new byte[3]))));
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(res.body()).get("Type").asText()).isEqualTo("error");
    }

    @Test
    void idNamesThisNodesPeer() throws Exception {
        JsonNode id = JSON.readTree(post("/api/v0/id", bearer(token), new byte[0]).body());
        assertThat(id.get("ID").asText()).isEqualTo(node.local().context().identity().peerId().toString());
        assertThat(id.get("PublicKey").asText()).startsWith("CAESI");
    }

    @Test
    void malformedMultipartIsA400AndPinsNothing() throws Exception {
        byte[] good = multipart(List.of(filePart("cut.bin", random(50_000, 6))));
        byte[] truncated = Arrays.copyOf(good, good.length - 30);
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(post("/api/v0/add", bearer(token), truncated));
        answers.add(post("/api/v0/add", bearer(token), "no boundary here".getBytes(StandardCharsets.UTF_8)));
        answers.add(postTyped("/api/v0/add", bearer(token), "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        answers.add(post("/api/v0/add?cid-version=7", bearer(token), good));
        answers.add(post("/api/v0/add?pin=maybe", bearer(token), good));
        for (HttpResponse<String> res : answers) {
            assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
            JsonNode err = JSON.readTree(res.body());
            assertThat(err.get("Type").asText()).isEqualTo("error");
            assertThat(err.get("Code").asInt()).isEqualTo(1);
        }
        assertThat(JSON.readTree(get("/pins", token).body()).get("count").asInt()).isZero();
    }

    @Test
    void aBadCidArgumentIsA400InKubosFormat() throws Exception {
        String hello = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
        for (String arg : List.of("notacid", "/ipfs/" + hello + "/sub/path", "Qm123")) {
            HttpResponse<String> res = post("/api/v0/block/stat?arg=" + java.net.URLEncoder.encode(arg,
                    StandardCharsets.UTF_8), bearer(token), new byte[0]);
            assertThat(res.statusCode()).as(arg + ": " + res.body()).isEqualTo(400);
            assertThat(JSON.readTree(res.body()).get("Message").asText()).as(arg).startsWith("invalid CID");
        }
    }

    @Test
    void aLargeUploadStreamsThrough() throws Exception {
        int size = 48 * 1024 * 1024;
        Path file = tmp.resolve("big.bin");
        try (var out = Files.newOutputStream(file)) {
            Random r = new Random(7);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < size / chunk.length; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
        byte[] head = ("--" + MultipartBodies.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + MultipartBodies.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve("/api/v0/add"))
                .header("Authorization", bearer(token))
                .header("Content-Type", MultipartBodies.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        String expected = UnixfsReference.compute(UnixfsReference.Case.kubo("big", file)).root();
        assertThat(ndjson(res.body()).get(0).get("Hash").asText()).isEqualTo(expected);
    }

    // ---- helpers ----

    private String addOne(byte[] data, String query) throws Exception {
        HttpResponse<String> res = post("/api/v0/add" + query, bearer(token), multipart(List.of(filePart("f.bin", data))));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> lines = ndjson(res.body());
        return lines.get(lines.size() - 1).get("Hash").asText();
    }

    private static String bearer(String t) {
        return "Bearer " + t;
    }

    @Test
    void aBodyTheCommandDoesNotReadIsDrainedSoItsAnswerArrivesWhole() throws Exception {
        // Jetty closes a connection whose request body is left unread, and a socket closed with
        // unread data resets: the answer in flight was lost. A command that takes no body gets one.
        byte[] junk = random(1_000_000, 8);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> res = postTyped("/api/v0/version", bearer(token), "application/octet-stream", junk);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(KuboTestNode.JSON.readTree(res.body()).get("Version").asText()).isNotBlank();
            HttpResponse<String> refused = postTyped("/api/v0/block/get?arg=not-a-cid", bearer(token),
                    "application/octet-stream", junk);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"Type\":\"error\"");
        }
    }

    private HttpResponse<String> post(String path, String auth, byte[] body) throws Exception {
        return postTyped(path, auth, MultipartBodies.CONTENT_TYPE, body);
    }

    private HttpResponse<String> postTyped(String path, String auth, String type, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve(path)).header("Authorization", auth)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> postBytes(String path, String auth) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve(path)).header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> get(String path, String t) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve(path)).header("Authorization", bearer(t)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

}
