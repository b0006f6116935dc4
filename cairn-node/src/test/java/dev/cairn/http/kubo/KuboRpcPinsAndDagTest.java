package dev.cairn.http.kubo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.interop.CarInspect;
import dev.cairn.interop.UnixfsCat;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dag/*}, {@code block/put} and {@code pin/*} over real HTTP, scoped to the caller's account. */
class KuboRpcPinsAndDagTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "cairnPinsBoundary";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RunningNode node;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        node = RunningNode.start(ctx, line -> { });
        admin = Files.readString(ctx.home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void dagExportIsACarThatIpfsUnixfsExporterReadsBackAndDagImportPinsItsRoot() throws Exception {
        byte[] data = random(900_000, 1);
        String cid = add(admin, data, "?pin=false");

        HttpResponse<byte[]> car = call("/api/v0/dag/export?arg=" + cid, admin, null);
        assertThat(car.statusCode()).isEqualTo(200);
        Path file = Files.write(tmp.resolve("x.car"), car.body());
        assertThat(UnixfsCat.cat(file, cid)).isEqualTo(data);
        assertThat(CarInspect.inspect(file).roots()).containsExactly(cid);

        RunningNode first = node;
        node = startAnother(tmp.resolve("second"));
        try {
            String token = Files.readString(tmp.resolve("second").resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
            HttpResponse<byte[]> imported = call("/api/v0/dag/import?stats=true", token, multipart(car.body()));
            assertThat(imported.statusCode()).as(text(imported)).isEqualTo(200);
            List<JsonNode> lines = ndjson(text(imported));
            assertThat(lines.get(0).get("Root").get("Cid").get("/").asText()).isEqualTo(cid);
            assertThat(lines.get(0).get("Root").get("PinErrorMsg").asText()).isEmpty();
            assertThat(lines.get(1).get("Stats").get("BlockCount").asInt())
                    .isEqualTo(CarInspect.inspect(file).blocks().size());
            assertThat(pinLs(token, true)).containsExactly(cid);
            assertThat(call("/api/v0/cat?arg=" + cid, token, null).body()).isEqualTo(data);
        } finally {
            node.close();
            node = first;
        }
    }

    @Test
    void aCarWhoseBlockLiesIsRefusedAndNothingIsStoredOrPinned() throws Exception {
        Path donor = tmp.resolve("donor");
        byte[] data = random(500_000, 2);
        String cid = add(admin, data, "?pin=false");
        byte[] car = call("/api/v0/dag/export?arg=" + cid, admin, null).body();
        call("/api/v0/pin/rm?arg=" + cid, admin, null); // not pinned: harmless
        RunningNode other = node;
        node = startAnother(donor);
        try {
            String token = Files.readString(donor.resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
            byte[] lying = car.clone();
            lying[lying.length - 10] ^= 0x01; // inside the last block's data
            HttpResponse<byte[]> res = call("/api/v0/dag/import", token, multipart(lying));
            assertThat(res.statusCode()).as(text(res)).isEqualTo(400);
            assertThat(JSON.readTree(res.body()).get("Type").asText()).isEqualTo("error");
            assertThat(pinLs(token, false)).isEmpty();
            assertThat(call("/api/v0/block/stat?arg=" + cid, token, null).statusCode()).isEqualTo(500);
        } finally {
            node.close();
            node = other;
        }
    }

    @Test
    void blockPutNamesTheBytesByTheirSha256AndRefusesADagPbBlockThatDoesNotDecode() throws Exception {
        byte[] data = "a raw block\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> res = call("/api/v0/block/put", admin, multipart(data));
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        String key = JSON.readTree(res.body()).get("Key").asText();
        // CIDv1 raw sha2-256 in base32: the digest is the last 32 bytes of the decoded CID
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        byte[] cidBytes = base32(key.substring(1));
        assertThat(cidBytes).endsWith(digest);
        assertThat(cidBytes).startsWith(new byte[] {0x01, 0x55, 0x12, 0x20});
        assertThat(call("/api/v0/block/get?arg=" + key, admin, null).body()).isEqualTo(data);

        HttpResponse<byte[]> bad = call("/api/v0/block/put?cid-codec=dag-pb", admin, multipart(new byte[] {(byte) 0xff, 0x01}));
        assertThat(bad.statusCode()).as(text(bad)).isEqualTo(400);
        HttpResponse<byte[]> badHash = call("/api/v0/block/put?mhtype=md5", admin, multipart(data));
        assertThat(badHash.statusCode()).isEqualTo(400);
    }

    @Test
    void pinAddLsRmSeeOnlyTheCallersOwnPins() throws Exception {
        String cid = add(admin, random(20_000, 3), "?pin=false");
        assertThat(pinLs(admin, true)).isEmpty();

        HttpResponse<byte[]> added = call("/api/v0/pin/add?arg=" + cid, admin, null);
        assertThat(added.statusCode()).as(text(added)).isEqualTo(200);
        assertThat(JSON.readTree(added.body()).get("Pins").get(0).asText()).isEqualTo(cid);
        assertThat(pinLs(admin, true)).containsExactly(cid);
        assertThat(pinLs(admin, false)).containsExactly(cid);

        node.accounts().create("bob");
        String bob = node.accounts().issue("bob", Set.of(Scope.READ, Scope.PIN), null, "t").secret();
        assertThat(pinLs(bob, true)).isEmpty();
        HttpResponse<byte[]> bobLs = call("/api/v0/pin/ls?arg=" + cid, bob, null);
        assertThat(bobLs.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(bobLs.body()).get("Message").asText()).contains("is not pinned");
        HttpResponse<byte[]> bobRm = call("/api/v0/pin/rm?arg=" + cid, bob, null);
        assertThat(bobRm.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(bobRm.body()).get("Message").asText()).isEqualTo("not pinned or pinned indirectly");
        assertThat(pinLs(admin, true)).containsExactly(cid);

        HttpResponse<byte[]> removed = call("/api/v0/pin/rm?arg=" + cid, admin, null);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(pinLs(admin, true)).isEmpty();
        assertThat(call("/api/v0/pin/ls?type=sideways", admin, null).statusCode()).isEqualTo(400);
    }

    // ---- helpers ----

    private RunningNode startAnother(Path home) {
        NodeContext ctx = NodeContext.open(new CairnHome(home), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        return RunningNode.start(ctx, line -> { });
    }

    private List<String> pinLs(String token, boolean stream) throws Exception {
        HttpResponse<byte[]> res = call("/api/v0/pin/ls?stream=" + stream, token, null);
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        List<String> cids = new ArrayList<>();
        if (stream) {
            for (JsonNode line : ndjson(text(res))) {
                assertThat(line.get("Type").asText()).isEqualTo("recursive");
                cids.add(line.get("Cid").asText());
            }
        } else {
            JSON.readTree(res.body()).get("Keys").fieldNames().forEachRemaining(cids::add);
        }
        return cids;
    }

    private String add(String token, byte[] data, String query) throws Exception {
        HttpResponse<byte[]> res = call("/api/v0/add" + query, token, multipart(data));
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        List<JsonNode> lines = ndjson(text(res));
        return lines.get(lines.size() - 1).get("Hash").asText();
    }

    private HttpResponse<byte[]> call(String path, String token, byte[] multipartBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.apiUri().resolve(path)).header("Authorization", "Bearer " + token);
        if (multipartBody != null) {
            b.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] multipart(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(data);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String text(HttpResponse<byte[]> res) {
        return new String(res.body(), StandardCharsets.UTF_8);
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

    /** RFC 4648 base32, lower case, no padding (multibase 'b'). */
    private static byte[] base32(String s) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
