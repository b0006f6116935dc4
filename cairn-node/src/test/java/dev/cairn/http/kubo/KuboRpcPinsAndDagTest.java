package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.JSON;
import static dev.cairn.http.kubo.KuboTestNode.ndjson;
import static dev.cairn.http.kubo.KuboTestNode.random;
import static dev.cairn.http.kubo.KuboTestNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.account.Scope;
import dev.cairn.interop.CarInspect;
import dev.cairn.interop.UnixfsCat;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dag/*}, {@code block/put} and {@code pin/*} over real HTTP, scoped to the caller's account. */
class KuboRpcPinsAndDagTest {

    @TempDir
    Path tmp;
    private KuboTestNode n;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        n = new KuboTestNode(tmp.resolve("home"));
        admin = n.admin;
    }

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void dagExportIsACarThatIpfsUnixfsExporterReadsBackAndDagImportPinsItsRoot() throws Exception {
        byte[] data = random(900_000, 1);
        String cid = n.add(admin, data, "?pin=false");

        HttpResponse<byte[]> car = n.post("/api/v0/dag/export?arg=" + cid, admin);
        assertThat(car.statusCode()).isEqualTo(200);
        Path file = Files.write(tmp.resolve("x.car"), car.body());
        assertThat(UnixfsCat.cat(file, cid)).isEqualTo(data);
        assertThat(CarInspect.inspect(file).roots()).containsExactly(cid);

        try (KuboTestNode second = new KuboTestNode(tmp.resolve("second"))) {
            String token = second.admin;
            HttpResponse<byte[]> imported = second.post("/api/v0/dag/import?stats=true", token, multipart(car.body()));
            assertThat(imported.statusCode()).as(text(imported)).isEqualTo(200);
            List<JsonNode> lines = ndjson(text(imported));
            assertThat(lines.get(0).get("Root").get("Cid").get("/").asText()).isEqualTo(cid);
            assertThat(lines.get(0).get("Root").get("PinErrorMsg").asText()).isEmpty();
            assertThat(lines.get(1).get("Stats").get("BlockCount").asInt())
                    .isEqualTo(CarInspect.inspect(file).blocks().size());
            assertThat(pinLs(second, token, true)).containsExactly(cid);
            assertThat(second.post("/api/v0/cat?arg=" + cid, token).body()).isEqualTo(data);
        }
    }

    @Test
    void aCarWhoseBlockLiesIsRefusedAndNothingIsStoredOrPinned() throws Exception {
        byte[] data = random(500_000, 2);
        String cid = n.add(admin, data, "?pin=false");
        byte[] car = n.post("/api/v0/dag/export?arg=" + cid, admin).body();
        n.post("/api/v0/pin/rm?arg=" + cid, admin); // not pinned: harmless
        try (KuboTestNode other = new KuboTestNode(tmp.resolve("donor"))) {
            String token = other.admin;
            byte[] lying = car.clone();
            lying[lying.length - 10] ^= 0x01; // inside the last block's data
            HttpResponse<byte[]> res = other.post("/api/v0/dag/import", token, multipart(lying));
            assertThat(res.statusCode()).as(text(res)).isEqualTo(400);
            assertThat(JSON.readTree(res.body()).get("Type").asText()).isEqualTo("error");
            assertThat(pinLs(other, token, false)).isEmpty();
            assertThat(other.post("/api/v0/block/stat?arg=" + cid, token).statusCode()).isEqualTo(500);
        }
    }

    @Test
    void blockPutNamesTheBytesByTheirSha256AndRefusesADagPbBlockThatDoesNotDecode() throws Exception {
        byte[] data = "a raw block\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> res = n.post("/api/v0/block/put", admin, multipart(data));
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        String key = JSON.readTree(res.body()).get("Key").asText();
        // CIDv1 raw sha2-256 in base32: the digest is the last 32 bytes of the decoded CID
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
        byte[] cidBytes = base32(key.substring(1));
        assertThat(cidBytes).endsWith(digest);
        assertThat(cidBytes).startsWith(new byte[] {0x01, 0x55, 0x12, 0x20});
        assertThat(n.post("/api/v0/block/get?arg=" + key, admin).body()).isEqualTo(data);

        HttpResponse<byte[]> bad = n.post("/api/v0/block/put?cid-codec=dag-pb", admin, multipart(new byte[] {(byte) 0xff, 0x01}));
        assertThat(bad.statusCode()).as(text(bad)).isEqualTo(400);
        HttpResponse<byte[]> badHash = n.post("/api/v0/block/put?mhtype=md5", admin, multipart(data));
        assertThat(badHash.statusCode()).isEqualTo(400);
    }

    @Test
    void pinAddLsRmSeeOnlyTheCallersOwnPins() throws Exception {
        String cid = n.add(admin, random(20_000, 3), "?pin=false");
        assertThat(pinLs(n, admin, true)).isEmpty();

        HttpResponse<byte[]> added = n.post("/api/v0/pin/add?arg=" + cid, admin);
        assertThat(added.statusCode()).as(text(added)).isEqualTo(200);
        assertThat(JSON.readTree(added.body()).get("Pins").get(0).asText()).isEqualTo(cid);
        assertThat(pinLs(n, admin, true)).containsExactly(cid);
        assertThat(pinLs(n, admin, false)).containsExactly(cid);

        String bob = n.account("bob", Scope.READ, Scope.PIN);
        assertThat(pinLs(n, bob, true)).isEmpty();
        HttpResponse<byte[]> bobLs = n.post("/api/v0/pin/ls?arg=" + cid, bob);
        assertThat(bobLs.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(bobLs.body()).get("Message").asText()).contains("is not pinned");
        HttpResponse<byte[]> bobRm = n.post("/api/v0/pin/rm?arg=" + cid, bob);
        assertThat(bobRm.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(bobRm.body()).get("Message").asText()).isEqualTo("not pinned or pinned indirectly");
        assertThat(pinLs(n, admin, true)).containsExactly(cid);

        HttpResponse<byte[]> removed = n.post("/api/v0/pin/rm?arg=" + cid, admin);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(pinLs(n, admin, true)).isEmpty();
        assertThat(n.post("/api/v0/pin/ls?type=sideways", admin).statusCode()).isEqualTo(400);
    }

    // ---- helpers ----

    private static List<String> pinLs(KuboTestNode node, String token, boolean stream) throws Exception {
        HttpResponse<byte[]> res = node.post("/api/v0/pin/ls?stream=" + stream, token);
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

    /** A one-file multipart body, as {@code curl -F file=@data} sends it. */
    private static byte[] multipart(byte[] data) {
        return KuboTestNode.multipart(List.of(KuboTestNode.filePart("data", data)));
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
}
